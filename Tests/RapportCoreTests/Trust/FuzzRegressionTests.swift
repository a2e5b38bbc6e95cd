import Foundation
import Markdown
import Testing

@testable import RapportCore

/// Every input libFuzzer found a bug with (`Tests/Fuzz/Regressions/<target>/`) and every
/// fixture (the fuzzers' seeds) goes through the fuzz targets' checks on each test run, and
/// each bug found has a test of its own below.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files directly in `Tests/Fuzz/Regressions/<target>`.
    static func regressions(_ target: String) -> [String] {
        let folder = root.appendingPathComponent("Tests/Fuzz/Regressions/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    /// Every note, portal file and CSV under `Tests/Fixtures`.
    static func seeds(_ suffixes: [String]) -> [String] {
        let folder = root.appendingPathComponent("Tests/Fixtures").path
        let walker = FileManager.default.enumerator(atPath: folder)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            if suffixes.contains(where: path.hasSuffix) { found.append(folder + "/" + path) }
        }
        return found.sorted()
    }

    private func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func everyRegressionAndSeedKeepsItsPromises() {
        let notes = Self.seeds([".md", "portal.yaml"])
        #expect(notes.count > 50)
        for path in Self.regressions("front-matter") + notes {
            #expect(FuzzTargets.frontMatter(bytes(path)) == [], "\(path)")
        }
        for path in Self.regressions("markdown") + notes {
            #expect(FuzzTargets.markdown(bytes(path)) == [], "\(path)")
        }
        // A regression is the fuzzer's input, whose first byte picks the KPI's frequency; a
        // seed is a CSV file, read here as a monthly KPI's.
        for path in Self.regressions("csv") {
            #expect(FuzzTargets.csv(bytes(path)) == [], "\(path)")
        }
        for path in Self.seeds([".csv"]) {
            #expect(FuzzTargets.csv([1] + bytes(path)) == [], "\(path)")
        }
        // The folders are found (an empty list would pass without checking anything).
        #expect(["front-matter", "markdown", "csv"].allSatisfy { !Self.regressions($0).isEmpty })
    }

    /// Found by fuzzing: `key:   # comment` was an empty value at the comment's column in
    /// the fast reader and just after the colon in Yams, so diagnostics moved with the path.
    @Test func anEmptyValueBeforeACommentIsJustAfterItsColon() throws {
        let yaml = "title: T\nunit:   # none yet\n"
        let fast = try #require(SimpleYAML.parse(yaml, firstLine: 2))
        #expect(fast["unit"]?.column == 6)
        #expect(YAMLNode.parseWithYams(yaml, firstLine: 2, path: "p") == .success(fast))
    }

    /// Found by fuzzing: a nested block that stopped being simple after a few lines (an
    /// unclosed quote) was read as an empty value, its lines silently dropped; now Yams
    /// reads it and reports the quote.
    @Test func aNestedBlockThatIsNotSimpleIsLeftToYams() throws {
        let note = "---\ntitle: K\nmeasurements:\n  2026-01: 1\n  2026-02: \"2\n---\n"
        #expect(SimpleYAML.parse("title: K\nmeasurements:\n  2026-01: 1\n  2026-02: \"2", firstLine: 2) == nil)
        #expect(
            try ContentFolder(["kpis/k.md": note]).load().lines == [
                "content/kpis/k.md:5:14: error: YAML: found unexpected end of stream (while scanning a quoted scalar)"
            ])
    }

    /// Found by fuzzing: cmark-gfm ends a line at a lone CR, Rapport split lines at LF only,
    /// so after one every task marker was read from the wrong line (a done task counted as
    /// open) and every line number was off.
    @Test func aLoneCarriageReturnMovesNoTaskMarker() throws {
        let note = Array("---\ntitle: M\ndate: 2026-01-05\n---\n\nShort Fri\rday.\n\n- [x] @ana Done (due 2026-01-06)\n- [ ] @ana Open (due 2026-01-07)\n".utf8)
        let result = try ContentFolder([:], bytes: ["meetings/m.md": note]).load()
        #expect(result.lines == [])
        let tasks = result.portal?.notes.first?.body.tasks ?? []
        #expect(tasks.map { "\($0.line):\($0.isChecked)" } == ["9:true", "10:false"])
        let document = MarkdownDocument("a\rb\r\n- [x] c\n- [ ] d")
        #expect(document.taskItems().map { "\($0.line):\($0.isChecked)" } == ["3:true", "4:false"])
    }

    /// Found by fuzzing: a first row with an open quote was reported as unbalanced quotes,
    /// then the next row was taken for the header and refused too: 22 diagnostics for one
    /// file, past the cap. The first row that is not blank is the header, or it is wrong.
    @Test func aBrokenFirstRowIsAWrongHeader() throws {
        let csv = Array("\n\"period,value\n2026-01,1\n".utf8)
        #expect(
            try ContentFolder(["kpis/k.md": kpiNote("")], bytes: ["kpis/k.csv": csv]).load().lines == [
                "content/kpis/k.csv:2:1: error: the first row must be the header 'period,value' or 'period,value,note'"
            ])
        let unterminated = Array("value,period".utf8)
        #expect(
            try ContentFolder(["kpis/k.md": kpiNote("")], bytes: ["kpis/k.csv": unterminated]).load().lines == [
                "content/kpis/k.csv:1:1: error: the first row must be the header 'period,value' or 'period,value,note'"
            ])
    }

    /// Found by fuzzing: the fast reader counted columns in bytes, Yams in characters, so
    /// after `é` a value's column (and every diagnostic about it) depended on the reader.
    @Test func columnsCountCharactersNotBytes() throws {
        let yaml = "title: Café menu\ntags: [ü, b]\nowner: 🍰 x\n"
        let fast = try #require(SimpleYAML.parse(yaml, firstLine: 2))
        #expect(fast["tags"]?.items?.map(\.column) == [8, 11])
        #expect(YAMLNode.parseWithYams(yaml, firstLine: 2, path: "p") == .success(fast))
        #expect(
            try ContentFolder(["pages/p.md": "---\ntitle: Café\ntags: [ü, \"\"]\n---\n"]).load().lines == [
                "content/pages/p.md:3:11: error: empty tag"
            ])
    }

    /// Found by fuzzing: in a flow list, `a:?b` was text to the fast reader and an error to
    /// Yams (libyaml refuses `:` before `,?[]{}` there); now Yams reads it and says so.
    @Test func aColonBeforeAFlowIndicatorIsLeftToYams() throws {
        #expect(SimpleYAML.parse("title: T\ntags: [a:?b]", firstLine: 2) == nil)
        #expect(
            try ContentFolder(["pages/p.md": "---\ntitle: T\ntags: [a:?b]\n---\n"]).load().lines == [
                "content/pages/p.md:3:9: error: YAML: found unexpected ':' (while scanning a plain scalar)"
            ])
    }
}
