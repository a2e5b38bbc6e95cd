import Foundation
import Testing

@testable import RapportCore

/// The fast front matter reader must give exactly Yams' result, or step aside.
@Suite struct SimpleYAMLTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL

    func yams(_ yaml: String) -> YAMLNode? {
        guard case .success(let node) = YAMLNode.parseWithYams(yaml, firstLine: 2, path: "x.md") else { return nil }
        return node
    }

    @Test(arguments: [
        "title: Weekly check-in\ndate: 2026-04-07\nkind: check-in",
        "title: \"QBR: 2026-Q1\"\ntags: [staffing, \"quality\", peak-season]\nattendees: [ana, raj]",
        "title: 'It''s done'\nvisibility: internal\ndraft: true",
        "title: x\nmeasurements:\n  2026-01: 82.5\n  2026-02: -2.5\n  2026-03: 1e3\n",
        "title: x\nattendees:\n  - ana\n  - \"@raj\"\ntags:\n- a\n- b",
        "title: x\nresponse: |\n  First line.\n  Second line.\n\n  After a blank.\nstatus: addressed",
        "# a comment\ntitle: x   \nempty:\nafter: y",
        "title: x\nclient: { name: Acme Retail, short: Acme }",
        "title: https://example.com/a?b=c\nwhen: 2026-03-09T14:30:00+01:00",
        "title: \"say \\\"hi\\\" \\\\ back\"",
        "title: x\nlist: []\nmap: {}",
    ])
    func matchesYams(yaml: String) throws {
        let fast = try #require(SimpleYAML.parse(yaml, firstLine: 2))
        #expect(fast == yams(yaml))
    }

    @Test(arguments: [
        "title: &a x\nother: *a", "title:\tx", "title: x\ntitle: y", "title: x # comment", "title: a: b",
        "title: [a, [b]]", "title: \"\\u00e9\"", "title: >\n  folded", "!tag title: x", "title: x\n  continued",
        "title: x\nnested:\n  deeper:\n    more: 1", "? complex\n: key", "title: {a: {b: c}}", "---\ntitle: x",
    ])
    func leavesAnythingElseToYams(yaml: String) {
        #expect(SimpleYAML.parse(yaml, firstLine: 2) == nil)
    }

    /// Duplicates are found by comparing keys up to sixteen, through a set beyond: both ways
    /// must refuse one, at the top, in a `{…}` map and in an indented block.
    @Test(arguments: [2, 16, 17, 40])
    func aDuplicateKeyIsLeftToYamsHoweverManyKeysCameBefore(count: Int) {
        let keys = (1...count).map { "k\($0)" }
        let top = keys.map { "\($0): v" }.joined(separator: "\n")
        let flow = "map: {" + keys.map { "\($0): v" }.joined(separator: ", ")
        let block = "title: x\nmeasurements:\n" + keys.map { "  \($0): 1" }.joined(separator: "\n")
        #expect(SimpleYAML.parse(top, firstLine: 2) != nil)
        #expect(SimpleYAML.parse(flow + "}", firstLine: 2) != nil)
        #expect(SimpleYAML.parse(block, firstLine: 2) != nil)
        #expect(SimpleYAML.parse(top + "\nk2: again", firstLine: 2) == nil)
        #expect(SimpleYAML.parse(flow + ", k2: again}", firstLine: 2) == nil)
        #expect(SimpleYAML.parse(block + "\n  k2: 2", firstLine: 2) == nil)
        #expect(SimpleYAML.parse(top + "\nk\(count + 1): new", firstLine: 2) == yams(top + "\nk\(count + 1): new"))
    }

    @Test func readsEverySampleNoteExactlyAsYamsDoes() throws {
        try checkFolder(Self.repository.appendingPathComponent("content").path, minimum: 30)
    }

    /// Run against a generated corpus too: `RAPPORT_CORPUS=/tmp/c10k swift test --filter SimpleYAML`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RAPPORT_CORPUS"] != nil))
    func readsAGeneratedCorpusExactlyAsYamsDoes() throws {
        try checkFolder(ProcessInfo.processInfo.environment["RAPPORT_CORPUS"]!, minimum: 100)
    }

    func checkFolder(_ content: String, minimum: Int) throws {
        let files = FileManager.default.enumerator(atPath: content)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") } ?? []
        #expect(files.count > minimum)
        var fastPathUsed = 0
        for file in files {
            let bytes = try #require(ContentScanner.read(content + "/" + file))
            let text = try #require(FrontMatter.decodeText(bytes))
            guard case .success(let split) = FrontMatter.split(text, path: file) else { continue }
            if let fast = SimpleYAML.parse(split.yaml, firstLine: split.yamlFirstLine) {
                fastPathUsed += 1
                guard case .success(let slow) = YAMLNode.parseWithYams(split.yaml, firstLine: split.yamlFirstLine, path: file) else {
                    Issue.record("Yams rejects \(file), the fast reader accepts it")
                    continue
                }
                #expect(fast == slow, "\(file)")
            }
        }
        #expect(fastPathUsed == files.count)
    }
}
