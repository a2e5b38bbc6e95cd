import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Runs git in `folder` with fixed author dates, so history is the same on every run.
@discardableResult
func git(_ arguments: [String], in folder: String, date: String = "2026-03-05T10:00:00+01:00", author: String = "Ana Tester")
    throws -> Int32
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder] + arguments
    var environment = ProcessInfo.processInfo.environment
    for key in ["GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"] { environment[key] = date }
    for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = author }
    for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "test@example.com" }
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

@Suite struct GitInfoTests {
    /// A repository whose content folder is `content/`: everything committed on 5 March by
    /// Ana, then the March check-in changed on 18 March by Raj (late in his day, UTC-5).
    func repository() throws -> BuiltPortal {
        let portal = try BuiltPortal(PortalFixture.files)
        try git(["init", "-q", "-b", "main"], in: portal.root)
        try git(["add", "content"], in: portal.root)
        try git(["commit", "-q", "-m", "Notes"], in: portal.root)
        try portal.write("meetings/2026-03-02-check-in.md", PortalFixture.files["meetings/2026-03-02-check-in.md"]! + "\nMore.\n")
        try git(["commit", "-q", "-am", "Edit"], in: portal.root, date: "2026-03-18T23:30:00-05:00", author: "Raj Editor")
        return portal
    }

    @Test func oneLogGivesEachFileItsLastChange() throws {
        let portal = try repository()
        let history = GitInfo.read(contentRoot: portal.content)
        #expect(history.diagnostics.isEmpty)
        // Paths are relative to the content folder, like Note.path; the date is the
        // author's own day, not converted to UTC.
        #expect(history.revision(of: "meetings/2026-03-02-check-in.md") == Revision(date: Day("2026-03-18")!, author: "Raj Editor"))
        #expect(history.revision(of: "kpis/backlog.md") == Revision(date: Day("2026-03-05")!, author: "Ana Tester"))
        #expect(history.revision(of: "portal.yaml") != nil)
    }

    @Test func notePagesShowWhenAndByWhomTheyLastChanged() throws {
        let portal = try repository()
        try portal.build(asOf: PortalFixture.asOf, gitInfo: true)
        #expect(portal.file("meetings/2026-03-02-check-in.html").contains(
            "Source: <code>meetings/2026-03-02-check-in.md</code> · last changed <time datetime=\"2026-03-18\">18 March 2026</time> by Raj Editor"))
        #expect(portal.file("sitemap.xml").contains("<loc>https://portal.example.com/kpis/backlog.html</loc><lastmod>2026-03-05</lastmod>"))
        // Off on request.
        try portal.build(asOf: PortalFixture.asOf, gitInfo: false)
        #expect(!portal.file("meetings/2026-03-02-check-in.html").contains("last changed"))
    }

    /// A session reads the history once, and again only after a commit: an edit alone
    /// leaves the last-changed line as git has it.
    @Test func aSessionReadsHistoryAgainOnlyAfterACommit() throws {
        let portal = try repository()
        let session = BuildSession(
            options: BuildOptions(content: portal.content, templates: ServeFixture.templates, output: "", asOf: Day(PortalFixture.asOf)!))
        let page = "meetings/2026-03-02-check-in.html"
        func shown() -> String { String(decoding: session.file(page) ?? [], as: UTF8.self) }
        #expect(session.rebuild().succeeded)
        #expect(shown().contains("18 March 2026</time> by Raj Editor"))
        #expect(GitInfo.stateSignature(contentRoot: portal.content) != nil)
        let note = PortalFixture.files["meetings/2026-03-02-check-in.md"]! + "\nMore.\n\nAnd more.\n"
        try portal.write("meetings/2026-03-02-check-in.md", note)
        #expect(session.rebuild().succeeded)
        #expect(shown().contains("And more."))
        #expect(shown().contains("18 March 2026</time> by Raj Editor"))
        try git(["commit", "-q", "-am", "More"], in: portal.root, date: "2026-03-20T09:00:00+00:00", author: "Li Committer")
        #expect(session.rebuild().succeeded)
        #expect(shown().contains("20 March 2026</time> by Li Committer"))
    }

    @Test func aShallowCloneGivesNoDatesAndOneWarning() throws {
        let portal = try repository()
        let clone = portal.root + "/clone"
        #expect(try git(["clone", "-q", "--depth", "1", "file://" + portal.root, clone], in: portal.root) == 0)
        let history = GitInfo.read(contentRoot: clone + "/content", displayRoot: "content")
        #expect(history.revisions.isEmpty)
        #expect(history.diagnostics.count == 1)
        #expect(history.diagnostics.first?.severity == .warning)
        #expect(history.diagnostics.first?.message.hasPrefix("the content folder is in a shallow git clone") == true)
    }

    @Test func aFolderOutsideGitHasNoHistoryAndNoWarning() throws {
        let portal = try BuiltPortal(PortalFixture.files)
        let history = GitInfo.read(contentRoot: portal.content)
        #expect(history.revisions.isEmpty)
        #expect(history.diagnostics.isEmpty)
    }

    @Test func parsesNULSeparatedLog() {
        let log = Array("\u{1E}2026-03-18T23:30:00-05:00\tRaj\0\nmeetings/a.md\0\u{1E}2026-03-05T10:00:00+01:00\tAna\0\nmeetings/a.md\0kpis/b.md\0".utf8)
        let revisions = GitInfo.parse(log)
        #expect(revisions == [
            "meetings/a.md": Revision(date: Day("2026-03-18")!, author: "Raj"),
            "kpis/b.md": Revision(date: Day("2026-03-05")!, author: "Ana"),
        ])
    }
}
