import Testing

@testable import RapportCore

/// The CSV beside a KPI note, fed what spreadsheets and people produce: every problem is an
/// error at its file and line, at most `NoteParser.measurementDiagnosticLimit` (20) per file
/// followed by one line counting the rest, and odd but valid files still load.
@Suite struct HostileCSVTests {
    private func load(_ frontMatter: String = "", csv: [UInt8]) throws -> LoadResult {
        try ContentFolder(["kpis/k.md": kpiNote(frontMatter)], bytes: ["kpis/k.csv": csv]).load()
    }

    private func values(_ result: LoadResult) -> [String] {
        guard case .kpi(let kpi) = result.portal?.notes.first?.details else { return [] }
        return kpi.measurements.map { "\($0.period)=\(Numbers.json($0.value))\($0.note.map { " (\($0))" } ?? "")" }
    }

    @Test func eachFileGetsTwentyProblemsAndACountOfTheRest() throws {
        let frontMatter = "measurements:\n" + (1...25).map { "  2026-\(String(format: "%02d", $0)): x" }.joined(separator: "\n")
        let csv = "period,value\n" + (1...30).map { "2025-\(String(format: "%02d", $0)),y\n" }.joined()
        let result = try load(frontMatter, csv: Array(csv.utf8))
        #expect(result.lines.count == 42)
        #expect(result.lines.filter { $0.contains("more problems") } == [
            "content/kpis/k.csv:1:1: error: 10 more problems with measurements not shown",
            "content/kpis/k.md:1:1: error: 5 more problems with measurements not shown",
        ])
        // The first twenty of each file, in file order: the CSV's lines 2 to 21, the note's
        // lines 4 to 23.
        #expect(result.lines.contains("content/kpis/k.csv:2:9: error: the value for 2025-01 must be a plain decimal number, not 'y'"))
        #expect(result.lines.contains("content/kpis/k.csv:21:1: error: '2025-20' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD"))
        #expect(!result.lines.contains { $0.hasPrefix("content/kpis/k.csv:22:") })
        #expect(result.lines.contains("content/kpis/k.md:15:12: error: the value for 2026-12 must be a plain decimal number, not 'x'"))
        #expect(result.lines.contains("content/kpis/k.md:23:3: error: '2026-20' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD"))
        #expect(!result.lines.contains { $0.hasPrefix("content/kpis/k.md:24:") })
    }

    @Test func rowsOfTheWrongShapeCountTowardsTheCapToo() throws {
        let csv = "period,value\n" + String(repeating: "\"2026-01,1\n2026-02,1,2\n", count: 50_000)
        let result = try load(csv: Array(csv.utf8))
        #expect(result.lines.count == 21)
        #expect(result.lines.first == "content/kpis/k.csv:1:1: error: 99980 more problems with measurements not shown")
        #expect(result.lines[1] == "content/kpis/k.csv:2:1: error: unbalanced quotes")
        #expect(result.lines[2] == "content/kpis/k.csv:3:1: error: expected 2 columns (period,value), found 3: is a decimal written with a comma?")
    }

    @Test func aByteOrderMarkCRLFQuotesAndUnicodeSpacesAreRead() throws {
        let csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(
            "Period , VALUE,Note\r\n\r\n\"2026-01\",\"82.5\",\"a note, with a comma and \"\"quotes\"\"\"\r\n \u{00A0}2026-02\u{00A0}, 84 ,\r\n  \t \r\n2026-03,1e1,\u{2003}spaced\u{2003}\r".utf8)
        let result = try load(csv: csv)
        #expect(result.lines == [])
        #expect(values(result) == ["2026-01=82.5 (a note, with a comma and \"quotes\")", "2026-02=84", "2026-03=10 (spaced)"])
    }

    @Test func oddFilesGiveOneErrorNamingTheFile() throws {
        #expect(try load(csv: [0x70, 0xE9, 0x0A]).lines == ["content/kpis/k.csv:1:1: error: not UTF-8 text: save the CSV as UTF-8"])
        #expect(
            try load(csv: Array("value,period\n2026-01,1\n".utf8)).lines == [
                "content/kpis/k.csv:1:1: error: the first row must be the header 'period,value' or 'period,value,note'"
            ])
        // Control characters are shown, not sent to the terminal (an escape sequence could
        // rewrite what a CI log says).
        #expect(
            try load(csv: Array("period,value\n2026-01,\u{1B}[2J1\n".utf8)).lines == [
                "content/kpis/k.csv:2:9: error: the value for 2026-01 must be a plain decimal number, not '\\u{1B}[2J1'"
            ])
    }

    @Test func anEmptyFileOrAHeaderAloneHoldsNoMeasurement() throws {
        for csv in ["", "\n\n", "period,value\n", "period,value,note"] {
            let result = try load(csv: Array(csv.utf8))
            #expect(result.lines == [], "\(csv.debugDescription)")
            #expect(values(result) == [])
        }
    }

    @Test func aMillionLinesOfOneBadValueFinishInSeconds() throws {
        var csv = Array("period,value\n".utf8)
        csv.reserveCapacity(9_000_000)
        for _ in 0..<1_000_000 { csv += Array("2026-01,?\n".utf8) }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try load(csv: csv)
        #expect(clock.now - start < .seconds(120))
        #expect(result.lines.count == 21)
        #expect(result.lines.first == "content/kpis/k.csv:1:1: error: 999980 more problems with measurements not shown")
    }
}
