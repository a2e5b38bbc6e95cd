import Testing

@testable import RapportCore

/// Front matter built to hurt the YAML reader: aliases that expand exponentially (in values
/// and in keys, where Yams hashes them), nesting past libyaml's limit, and the same in
/// `portal.yaml`. Each is one diagnostic at a line of the file, in well under a second.
@Suite struct HostileYAMLTests {
    /// Nine anchors, each a list of nine aliases of the one before: 9^9 values.
    static let laughs = (1...8).map { level in
        let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
        let previous = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
        return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]"
    }.joined(separator: "\n")

    static let lol = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + laughs

    private func lines(_ frontMatter: String) throws -> [String] {
        try ContentFolder(["pages/p.md": "---\ntitle: P\n\(frontMatter)\n---\n"]).load().lines
    }

    @Test func aliasesExpandingExponentiallyInValuesAreOneError() throws {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(try lines(Self.lol) == ["content/pages/p.md:2:1: error: front matter expands to more than 100000 values (aliases nested too deep?)"])
        #expect(clock.now - start < .seconds(10))
    }

    /// Keys that are the bomb, written each way YAML allows, and the line of the key.
    @Test(arguments: [("? *i\n: x", 12, 1), ("*i : x", 12, 1), ("[*i]: x", 12, 4), ("{k: *i}: x", 12, 7), ("z: {*i : x}", 12, 5)])
    func aliasesExpandingExponentiallyInAKeyAreOneErrorAtTheKey(key: String, line: Int, column: Int) throws {
        let clock = ContinuousClock()
        let start = clock.now
        // Yams hashes every key to find duplicates: this took minutes before the guard.
        #expect(
            try lines(Self.lol + "\n" + key) == [
                "content/pages/p.md:\(line):\(column): error: YAML: a key must be plain text, not an alias, a list or a mapping (in a front matter with anchors)"
            ])
        #expect(clock.now - start < .seconds(10))
    }

    @Test func anchorsAndAliasesInValuesStillWork() throws {
        let result = try ContentFolder([
            "meetings/m.md": "---\ntitle: M\ndate: 2026-01-05\nattendees: &team [ana, raj]\nsame_people: *team\n---\n"
        ]).load()
        #expect(result.lines == [])
        guard case .meeting(let meeting) = result.portal?.notes.first?.details else {
            Issue.record("no meeting")
            return
        }
        #expect(meeting.attendees == ["ana", "raj"])
        #expect(result.portal?.notes.first?.params.map(\.key) == ["same_people"])
    }

    @Test func keyShapedTextWithoutAnchorsIsLeftToYAML() {
        #expect(YAMLKeyGuard.complexKey(in: "title: \"[a]: b\"\nnote: |\n  ? what\n  *x : y\n") == nil)
        #expect(YAMLKeyGuard.complexKey(in: "title: R&D *bold* text\nx: [a]") == nil)
        #expect(YAMLKeyGuard.complexKey(in: "a: &x 1\nb: *x\n[c]: d") == 16)
    }

    @Test func nestingPastLibYAMLsLimitIsAnErrorNotACrash() throws {
        let deep = "x: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(
            try lines(deep) == [
                "content/pages/p.md:3:5: error: YAML: Maximum nesting level reached, set with yaml_set_max_nest_level()) (while parsing)"
            ])
    }

    @Test func nestingJustUnderTheLimitLoads() throws {
        let deep = "x: " + String(repeating: "{a: ", count: 990) + "1" + String(repeating: "}", count: 990)
        #expect(try lines(deep) == [])
    }

    @Test func aPortalFileOfLaughsIsOneError() throws {
        let portal = "title: T\n" + Self.lol + "\n? *i\n: x\n"
        #expect(
            try ContentFolder(["pages/p.md": "---\ntitle: P\n---\n"], portal: portal).load().lines == [
                "content/portal.yaml:11:1: error: YAML: a key must be plain text, not an alias, a list or a mapping (in a front matter with anchors)"
            ])
    }
}
