import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// A rebuild keeps each file whose bytes did not change as the same file (a hard link
/// from the previous build, then its only name); a file that changed, or that someone
/// edited in the output folder, is written anew. Linking never touches the old build.
@Suite struct KeptFilesTests {
    /// Inode and link count of every file under `folder`, by route.
    private func identities(_ folder: String) -> [String: (inode: UInt64, links: UInt64)] {
        var found: [String: (UInt64, UInt64)] = [:]
        for route in SiteFixture.files(under: folder).keys {
            var info = stat()
            guard lstat(folder + "/" + route, &info) == 0 else { continue }
            found[route] = (UInt64(info.st_ino), UInt64(info.st_nlink))
        }
        return found
    }

    @Test func aRebuildOfTheSameContentKeepsEveryFile() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let before = identities(fixture.root + "/output")
        let bytes = fixture.files()
        #expect(before.count > 40)
        try fixture.build()
        let after = identities(fixture.root + "/output")
        #expect(after.keys.sorted() == before.keys.sorted())
        let renewed = before.keys.filter { after[$0]?.inode != before[$0]!.inode }.sorted()
        #expect(renewed == [])
        #expect(after.values.allSatisfy { $0.links == 1 })
        #expect(fixture.files() == bytes)
    }

    @Test func aChangedPageIsANewFileAndTheRestAreKept() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let before = identities(fixture.root + "/output")
        let path = fixture.content + "/wins/2026-07-20-record.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try fixture.write("wins/2026-07-20-record.md", text + "\nOne more line.\n")
        try fixture.build()
        let after = identities(fixture.root + "/output")
        #expect(after["wins/2026-07-20-record.html"]?.inode != before["wins/2026-07-20-record.html"]!.inode)
        #expect(fixture.page("wins/2026-07-20-record.html")?.contains("One more line.") == true)
        #expect(after["kpis/aht.html"]?.inode == before["kpis/aht.html"]!.inode)
        #expect(after["assets/rapport.css"]?.inode == before["assets/rapport.css"]!.inode)
    }

    /// A file changed by hand in the output, to bytes of the same length, is written anew.
    @Test func aFileEditedInTheOutputIsWrittenAgain() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let original = try #require(fixture.page("people/ana.html"))
        let edited = original.replacingOccurrences(of: "Ana Ruiz", with: "Ana Ruis")
        #expect(edited.utf8.count == original.utf8.count && edited != original)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: fixture.root + "/output/people/ana.html"))
        try fixture.build()
        #expect(fixture.page("people/ana.html") == original)
    }

    /// A file of the output that has another name elsewhere is written anew, not linked:
    /// the new build's file is never one that lives outside it too.
    @Test func aFileWithAnotherNameIsWrittenAnew() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let elsewhere = fixture.root + "/elsewhere.html"
        #expect(link(fixture.root + "/output/people/ana.html", elsewhere) == 0)
        try fixture.build()
        var outside = stat()
        var inside = stat()
        #expect(lstat(elsewhere, &outside) == 0 && lstat(fixture.root + "/output/people/ana.html", &inside) == 0)
        #expect(outside.st_ino != inside.st_ino)
        #expect(outside.st_nlink == 1 && inside.st_nlink == 1)
        #expect(identities(fixture.root + "/output")["kpis/aht.html"]?.links == 1)
    }

    /// A folder of the old output that is a symbolic link is not followed: its files, though
    /// the same bytes, live outside the output, and the new build writes its own.
    @Test func aLinkedFolderInTheOutputIsNotFollowed() throws {
        let fixture = try SiteFixture()
        let output = fixture.root + "/output"
        let outside = fixture.root + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/deep", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("same".utf8).write(to: URL(fileURLWithPath: outside + "/a.html"))
        try Data("deep".utf8).write(to: URL(fileURLWithPath: outside + "/deep/b.html"))
        #expect(symlink(outside, output + "/pages") == 0)
        let publisher = Publisher(output: output)
        try publisher.begin()
        try publisher.write(parts: ["sa", "me"], to: "pages/a.html")
        try publisher.write("deep".utf8, to: "pages/deep/b.html")
        try publisher.write("top".utf8, to: "index.html")
        try publisher.commit()
        #expect(identities(outside).mapValues(\.links).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" } == ["a.html 1", "deep/b.html 1"])
        #expect(identities(output).mapValues(\.links).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" } == [
            "index.html 1", "pages/a.html 1", "pages/deep/b.html 1",
        ])
        var info = stat()
        #expect(lstat(output + "/pages", &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
        #expect(SiteFixture.files(under: outside) == ["a.html": Data("same".utf8), "deep/b.html": Data("deep".utf8)])
    }

    /// A build given up after linking leaves the old files as they were, each with one name.
    @Test func abandoningAfterLinkingLeavesTheOldFiles() throws {
        let fixture = try SiteFixture()
        let output = fixture.root + "/output"
        try FileManager.default.createDirectory(atPath: output + "/pages", withIntermediateDirectories: true)
        try Data("same".utf8).write(to: URL(fileURLWithPath: output + "/pages/a.html"))
        let publisher = Publisher(output: output)
        try publisher.begin()
        try publisher.write(parts: ["sa", "me"], to: "pages/a.html")
        #expect(identities(output)["pages/a.html"]?.links == 2)
        try publisher.write("other".utf8, to: "pages/b.html")
        publisher.abandon()
        #expect(SiteFixture.files(under: output) == ["pages/a.html": Data("same".utf8)])
        #expect(identities(output)["pages/a.html"]?.links == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted() == ["content", "output"])
    }
}
