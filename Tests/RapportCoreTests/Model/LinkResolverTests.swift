import Foundation
import Testing

@testable import RapportCore

/// The byte-level shortcuts of link resolution give what the Foundation and `Character`
/// operations they replace give.
@Suite struct LinkResolverTests {
    @Test(arguments: [
        "../meetings/a.md", " ../a.md", "../a.md\t", "\u{00A0}x.md", "x.md\u{3000}", "\u{200B}x.md", "", "  ", "é.md",
        "a.md é",
    ])
    func trimmingMatchesFoundationsWhitespaces(destination: String) {
        #expect(LinkResolver.trimmingWhitespace(destination) == destination.trimmingCharacters(in: .whitespaces))
    }

    @Test func schemesAreReadThroughControlCharactersAndNonASCII() {
        #expect(LinkResolver.scheme(of: "HTTPS://example.com") == "https")
        #expect(LinkResolver.scheme(of: "java\tscript:alert(1)") == "javascript")
        #expect(LinkResolver.scheme(of: "Ünï:x") == "ünï")
        #expect(LinkResolver.scheme(of: ":x") == nil)
        #expect(LinkResolver.scheme(of: "../a.md") == nil)
        #expect(LinkResolver.scheme(of: "a#b:c") == nil)
        #expect(LinkResolver.scheme(of: "plain") == nil)
    }

    @Test(arguments: ["meetings/a.md", "/a//b/", "", "a", "é/ü.md", "a/\u{301}b/c", "x\r\n/y"])
    func slashSeparatedPartsMatchSplittingByCharacters(path: String) {
        #expect(path.slashSeparatedParts() == path.split(separator: "/"))
    }

    @Test func relativeLinksResolveAgainstTheNotesFolder() {
        #expect(LinkResolver.resolve("../wins/w.md", from: "meetings/m.md") == "wins/w.md")
        #expect(LinkResolver.resolve("./x/../y.md", from: "pages/p.md") == "pages/y.md")
        #expect(LinkResolver.resolve("../../out.md", from: "pages/p.md") == nil)
        #expect(LinkResolver.resolve("é/ü.md", from: "pages/p.md") == "pages/é/ü.md")
    }
}
