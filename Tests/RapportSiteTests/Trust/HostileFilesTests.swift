import Foundation
import RapportCore
import Testing

@testable import RapportSite

#if canImport(Glibc)
    import Glibc
#endif

/// Files that are not plain notes: symbolic links (pointing inside or outside the content
/// folder), a named pipe, and names too long to become pages. Each is an error naming the
/// file, and the earlier output is left byte-identical.
@Suite struct HostileFilesTests {
    static let symlinkMessage = "error: symbolic link: notes must be regular files inside the content folder"

    @Test func symbolicLinksInsideAndOutsideTheContentFolderAreErrorsNamingThem() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.link("pages/alias.md", to: "contacts.md")
        try fixture.link("pages/passwd.md", to: "/etc/passwd")
        try fixture.link("kpis/zero.csv", to: "/dev/zero")
        try fixture.link("meetings/archive", to: "/tmp")
        try fixture.link("wins/also-pages", to: "../pages")
        fixture.expectRejected([
            "kpis/zero.csv:1:1: \(Self.symlinkMessage)",
            "meetings/archive:1:1: \(Self.symlinkMessage)",
            "pages/alias.md:1:1: \(Self.symlinkMessage)",
            "pages/passwd.md:1:1: \(Self.symlinkMessage)",
            "wins/also-pages:1:1: \(Self.symlinkMessage)",
        ])
    }

    @Test func aSymbolicLinkForPortalYAMLIsAnErrorAndNothingIsReadThroughIt() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try FileManager.default.moveItem(atPath: fixture.content + "/portal.yaml", toPath: fixture.root + "/portal.yaml")
        try fixture.link("portal.yaml", to: fixture.root + "/portal.yaml")
        fixture.expectRejected([
            "portal.yaml:1:1: error: portal.yaml is missing: it names the portal, the two parties and the people",
            "portal.yaml:1:1: \(Self.symlinkMessage)",
        ])
    }

    @Test func aNamedPipeIsAnErrorAndIsNeverOpened() throws {
        let fixture = try SiteFixture.builtHostileBase()
        // Opening a pipe with no writer would block the build for ever.
        #expect(mkfifo(fixture.content + "/pages/pipe.md", 0o644) == 0)
        fixture.expectRejected([
            "pages/pipe.md:1:1: error: not a regular file (a pipe, socket or device): notes must be regular files"
        ])
    }

    @Test func aNoteWhoseNameIsTooLongForAPageIsAnErrorNamingIt() throws {
        let fixture = try SiteFixture.builtHostileBase()
        // 252 letters and ".md" is the longest name Linux allows; its page needs ".html".
        let id = String(repeating: "n", count: 252)
        try fixture.write("pages/\(id).md", "---\ntitle: Long\n---\n")
        fixture.expectRejected([
            "pages/\(id).md:1:1: error: the file name is too long for its page (257 bytes, at most 255): shorten it"
        ])
    }

    @Test func fileNamesThatCannotBePartOfAnAddressAreErrorsNamingThem() throws {
        let fixture = try SiteFixture.builtHostileBase()
        let note = "---\ntitle: T\ndate: 2026-04-12\n---\n"
        // `%2f` decodes to `/` in a link, `#` and `?` cut the address, a browser reads `\` as
        // `/`, and a line break in a name would start a property of its own in calendar.ics.
        for name in ["2026-04-12-..%2f..%2fescaped", "back\\..\\..\\slashes", "q#1", "why?", "2026-04-07-a\r\nX-INJECTED:yes"] {
            try fixture.write("meetings/\(name).md", note)
        }
        let rule = "which a page's address cannot (#, ?, %, \\ and control characters are not allowed); rename the file"
        fixture.expectRejected([
            "meetings/2026-04-07-a\\u{D}\\u{A}X-INJECTED:yes.md:1:1: error: the file name holds a control character, \(rule)",
            "meetings/2026-04-12-..%2f..%2fescaped.md:1:1: error: the file name holds '%', \(rule)",
            "meetings/back\\..\\..\\slashes.md:1:1: error: the file name holds '\\', \(rule)",
            "meetings/q#1.md:1:1: error: the file name holds '#', \(rule)",
            "meetings/why?.md:1:1: error: the file name holds '?', \(rule)",
        ])
    }
}
