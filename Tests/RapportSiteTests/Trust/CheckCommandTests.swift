import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// `rapport check` in a content repository's CI: exit status 1 on any error, 0 otherwise,
/// `--strict` makes warnings fail too, and `--format json` prints every diagnostic for
/// tools as valid JSON whatever the file names and messages hold. It checks what the
/// shared build would say as well as every internal note and draft.
@Suite struct CheckCommandTests {
    private func report(_ fixture: SiteFixture, strict: Bool = false) -> CheckReport {
        CheckReport.run(fixture.options(), strict: strict)
    }

    @Test func cleanContentPasses() throws {
        let fixture = try SiteFixture(copying: "hostile/base")
        let check = report(fixture)
        #expect(check.diagnostics == [] && check.exitStatus == 0 && !check.failed)
        #expect(check.json == "[]\n")
        #expect(report(fixture, strict: true).exitStatus == 0)
    }

    @Test func aWarningPassesUnlessStrict() throws {
        let fixture = try SiteFixture(copying: "hostile/base")
        try fixture.write("meetings/2026-04-08-m.md", "---\ntitle: M\ndate: 2026-04-08\nattendees: [zoe]\n---\n")
        let check = report(fixture)
        #expect(check.diagnostics.map(\.description) == [
            "\(fixture.content)/meetings/2026-04-08-m.md:4:13: warning: unknown person '@zoe': add them to people in portal.yaml"
        ])
        #expect(check.exitStatus == 0 && check.summary == "0 errors, 1 warning")
        #expect(report(fixture, strict: true).exitStatus == 1)
    }

    @Test func anErrorInAnInternalDraftFails() throws {
        let fixture = try SiteFixture(copying: "hostile/base")
        try fixture.write("pages/secret.md", "---\ntitle: Secret\nvisibility: internal\ndraft: true\ndate: 2026-02-30\n---\n")
        let check = report(fixture)
        #expect(check.diagnostics.map(\.description) == [
            "\(fixture.content)/pages/secret.md:5:7: error: 'date' is '2026-02-30', which is not a date on the calendar"
        ])
        #expect(check.exitStatus == 1 && check.summary == "1 error, 0 warnings")
    }

    @Test func whatOnlyTheSharedBuildWouldReportIsReportedToo() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        try fixture.write("qbr/2026-Q1.md", "---\ntitle: Q1\n---\n\nMargin was {{kpi:canary-internal-margin}}.\n")
        let lines = report(fixture).diagnostics.map(\.description)
        // The internal build has the KPI; the shared one, which goes to the client, does not.
        #expect(lines.contains("\(fixture.content)/qbr/2026-Q1.md:5:12: error: {{kpi:canary-internal-margin}} names no KPI of this build"))
        #expect(lines.contains(
            "\(fixture.content)/wins/2026-04-25-shared.md:7:37: warning: link to a note this build leaves out (internal or draft): '../meetings/2025-10-15-canary-internal-offsite.md' is shown as plain text"))
        #expect(report(fixture).exitStatus == 1)
    }

    @Test func theJSONIsValidWhateverPathsAndMessagesHold() throws {
        let fixture = try SiteFixture(copying: "hostile/base")
        let quoted = "pages/we\"ird <b>ü.md"
        // YAML's escapes for a bell and a line separator, in a value the message repeats.
        try fixture.write(quoted, "---\ntitle: T\ndraft: \"\\a\\Lmaybe\"\n---\n")
        let bell = "pages/bell\u{7}.md"
        try fixture.write(bell, "---\ntitle: T\n---\n")
        let check = report(fixture)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(check.json.utf8)) as? [[String: Any]])
        #expect(parsed.map { "\($0["path"]!) \($0["line"]!):\($0["column"]!) \($0["severity"]!) \($0["message"]!)" } == [
            "\(fixture.content)/\(bell) 1:1 error the file name holds a control character, which a page's address cannot (#, ?, %, \\ and control characters are not allowed); rename the file",
            "\(fixture.content)/\(quoted) 3:8 error 'draft' must be true or false, not '\u{7}\u{2028}maybe'",
        ])
        #expect(parsed.allSatisfy { Array($0.keys).sorted() == ["column", "line", "message", "path", "severity"] })
        // The text form shows the bells as `\u{7}` rather than ringing them.
        #expect(check.diagnostics.map(\.description) == [
            "\(fixture.content)/pages/bell\\u{7}.md:1:1: error: the file name holds a control character, which a page's address cannot (#, ?, %, \\ and control characters are not allowed); rename the file",
            "\(fixture.content)/\(quoted):3:8: error: 'draft' must be true or false, not '\\u{7}\u{2028}maybe'",
        ])
    }

    // MARK: - The command line itself

    /// The `rapport` executable built beside the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("rapport").path

    /// Runs `rapport` with `arguments`; returns its exit status, standard output and error.
    private func rapport(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func check(_ fixture: SiteFixture, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try rapport(["check", "--content", fixture.content, "--templates", Repository.templates, "--as-of", "2026-08-15"] + extra)
    }

    @Test func theCommandLineExitsOneOnErrorsAndZeroOtherwise() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the rapport executable first")
        let fixture = try SiteFixture(copying: "hostile/base")
        #expect(try check(fixture).status == 0)
        #expect(try check(fixture, ["--strict"]).status == 0)

        try fixture.write("meetings/2026-04-08-m.md", "---\ntitle: M\ndate: 2026-04-08\nattendees: [zoe]\n---\n")
        let warned = try check(fixture)
        #expect(warned.status == 0)
        #expect(warned.out == "Checked \(fixture.content)/: 0 errors, 1 warning.\n")
        #expect(warned.err == "\(fixture.content)/meetings/2026-04-08-m.md:4:13: warning: unknown person '@zoe': add them to people in portal.yaml\n")
        #expect(try check(fixture, ["--strict"]).status == 1)

        try fixture.write("pages/empty.md", "")
        let failed = try check(fixture, ["--format", "json"])
        #expect(failed.status == 1)
        let parsed = try JSONSerialization.jsonObject(with: Data(failed.out.utf8)) as? [[String: Any]]
        #expect(parsed?.map { "\($0["severity"]!) \($0["line"]!):\($0["column"]!) \($0["message"]!)" } == [
            "warning 4:13 unknown person '@zoe': add them to people in portal.yaml",
            "error 1:1 empty file: a note needs front matter with at least a title",
        ])
        #expect(failed.err == "")
    }

    @Test func aFailedBuildExitsOneAndLeavesTheOutputAlone() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the rapport executable first")
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.overlay("malformed-yaml")
        let before = fixture.snapshotOutsideContent()
        let build = try rapport([
            "build", "--content", fixture.content, "--templates", Repository.templates, "--out", fixture.root + "/output",
            "--as-of", "2026-08-15", "--no-git-info",
        ])
        #expect(build.status == 1)
        #expect(build.out == "")
        #expect(
            build.err == """
                \(fixture.content)/pages/broken.md:4:6: error: YAML: did not find expected ',' or ']' (while parsing a flow sequence)
                Build failed (1 error, 0 warnings); \(fixture.root)/output/ was left as it was.

                """)
        #expect(fixture.snapshotOutsideContent() == before)
    }
}
