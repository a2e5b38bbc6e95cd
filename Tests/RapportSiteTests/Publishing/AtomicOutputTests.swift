import Foundation
import RapportCore
import RapportSite
import Testing

/// A build that fails leaves the output folder exactly as it was; a build that succeeds
/// replaces it whole. Nothing is left beside it.
@Suite struct AtomicOutputTests {
    /// Paths and bytes of every file under `folder` and of the entries beside it.
    private func listing(_ fixture: SiteFixture) -> [String: Data] {
        var all = SiteFixture.files(under: fixture.root + "/output")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fixture.root)) ?? [] {
            all["../" + name] = Data()
        }
        return all
    }

    @Test(arguments: [
        ("wins/bad.md", "---\ntitle: Bad\ndate: 2026-02-30\n---\n"),
        ("meetings/2026-04-07-m.md", "---\ntitle: M\ndate: 2026-04-07\n---\n\n[x](../wins/missing.md)\n"),
        ("pages/p.md", "---\ntitle: [unclosed\n---\n"),
        ("kpis/fcr.csv", "period,value\n2026-04,1,5\n"),
        ("pages/empty.md", ""),
    ])
    func aFailedBuildLeavesTheOutputByteIdentical(path: String, text: String) throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: fixture.root + "/output/.gitkeep"))
        let before = listing(fixture)
        #expect(before["index.html"] != nil && before["api/kpis.json"] != nil)

        try fixture.write(path, text)
        #expect(throws: BuildFailure.self) { try fixture.build() }
        let after = listing(fixture)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (route, bytes) in before { #expect(after[route] == bytes, "\(route) changed") }
    }

    @Test func aSuccessfulBuildReplacesTheOutputAndKeepsHiddenEntries() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: fixture.root + "/output/.gitkeep"))
        try FileManager.default.removeItem(atPath: fixture.content + "/pages/contacts.md")
        try fixture.build()
        #expect(fixture.page("pages/contacts.html") == nil)
        #expect(fixture.page(".gitkeep") == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted() == ["content", "output"])
    }

    /// The previous build is removed whole once the new one is in place: folders within
    /// folders go, and a symbolic link in it goes without what it points to.
    @Test func theReplacedBuildIsRemovedWithoutFollowingLinks() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let manager = FileManager.default
        try manager.createDirectory(atPath: fixture.root + "/elsewhere", withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: fixture.root + "/elsewhere/file.txt"))
        try manager.createSymbolicLink(atPath: fixture.root + "/output/api/link", withDestinationPath: fixture.root + "/elsewhere")
        try manager.createDirectory(atPath: fixture.root + "/output/extra/deep", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: fixture.root + "/output/extra/deep/old.txt"))

        try fixture.build()
        #expect(try manager.contentsOfDirectory(atPath: fixture.root).sorted() == ["content", "elsewhere", "output"])
        #expect(SiteFixture.files(under: fixture.root + "/elsewhere") == ["file.txt": Data("theirs".utf8)])
        #expect(!manager.fileExists(atPath: fixture.root + "/output/extra"))
        #expect((try? manager.destinationOfSymbolicLink(atPath: fixture.root + "/output/api/link")) == nil)
        #expect(fixture.page("api/kpis.json") != nil)
    }

    @Test func anOutputFolderOfSomeoneElsesFilesIsRefused() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try FileManager.default.createDirectory(atPath: fixture.root + "/output", withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: fixture.root + "/output/thesis.txt"))
        #expect(throws: BuildFailure.self) { try fixture.build() }
        #expect(SiteFixture.files(under: fixture.root + "/output") == ["thesis.txt": Data("mine".utf8)])
    }
}
