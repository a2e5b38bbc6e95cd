import Testing

@testable import RapportCore

/// KPI measurements from front matter and the CSV beside the note (CONTENT-MODEL "KPI periods").
@Suite struct MeasurementTests {
    private func measurements(_ frontMatter: String, csv: String? = nil, fiscalStart: Int = 1) throws -> [String] {
        var files = ["kpis/k.md": kpiNote(frontMatter)]
        if let csv { files["kpis/k.csv"] = csv }
        let portal = ContentFolder.portal.replacingOccurrences(of: "fiscal_year_start: 1", with: "fiscal_year_start: \(fiscalStart)")
        let result = try ContentFolder(files, portal: portal).load()
        guard let note = result.portal?.notes.first, case .kpi(let definition) = note.details else {
            Issue.record("no KPI: \(result.lines)")
            return []
        }
        return definition.measurements.map { "\($0.period)=\(Numbers.json($0.value))" }
    }

    private func lines(_ frontMatter: String, csv: String? = nil) throws -> [String] {
        var files = ["kpis/k.md": kpiNote(frontMatter)]
        if let csv { files["kpis/k.csv"] = csv }
        return try ContentFolder(files).load().lines
    }

    @Test func dayKeysAreReportedUnderThePeriodOfTheKPIsFrequency() throws {
        #expect(try measurements("measurements:\n  2026-02-15: 84\n  2026-01-31: 82") == ["2026-01=82", "2026-02=84"])
        #expect(
            try measurements("frequency: weekly\nmeasurements:\n  2026-01-01: 1\n  2021-01-02: 2\n  2026-03-29: 3")
                == ["2020-W53=2", "2026-W01=1", "2026-W13=3"])
        #expect(try measurements("frequency: quarterly\nmeasurements:\n  2026-05-20: 7", fiscalStart: 4) == ["2026-Q1=7"])
        #expect(try measurements("frequency: quarterly\nmeasurements:\n  2026-05-20: 7", fiscalStart: 10) == ["2025-Q3=7"])
    }

    @Test func measurementsAreOrderedByPeriodStartWhateverOrderTheyAreWritten() throws {
        #expect(
            try measurements("measurements:\n  2026-03: 3\n  2025-12: 0", csv: "period,value\n2026-01,1\n2026-02,2\n")
                == ["2025-12=0", "2026-01=1", "2026-02=2", "2026-03=3"])
    }

    @Test func aKeyOfAnotherFrequencysFormIsAnError() throws {
        #expect(
            try lines("frequency: weekly\nmeasurements:\n  2026-W02: 5\n  2026-01: 5") == [
                "content/kpis/k.md:6:3: error: '2026-01' is a monthly period, but this KPI is weekly"
            ])
        #expect(
            try lines("measurements:\n  2026-Q1: 5") == [
                "content/kpis/k.md:4:3: error: '2026-Q1' is a quarterly period, but this KPI is monthly"
            ])
        #expect(
            try lines("measurements:\n  March: 5") == [
                "content/kpis/k.md:4:3: error: 'March' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD"
            ])
    }

    @Test func aPeriodGivenInFrontMatterAndInTheCSVNamesBothPlaces() throws {
        #expect(
            try lines("measurements:\n  2026-01: 80", csv: "period,value\n2026-02,81\n2026-01,82\n") == [
                "content/kpis/k.csv:3:1: error: 2026-01 is measured twice: also at content/kpis/k.md:4"
            ])
    }

    @Test func aDayKeyThatFallsInAMeasuredPeriodIsADuplicate() throws {
        #expect(
            try lines("measurements:\n  2026-01: 80\n  2026-01-15: 81") == [
                "content/kpis/k.md:5:3: error: 2026-01 is measured twice: also at content/kpis/k.md:4"
            ])
        #expect(
            try lines("frequency: weekly", csv: "period,value\n2026-01-05,1\n2026-W02,2\n") == [
                "content/kpis/k.csv:3:1: error: 2026-W02 is measured twice: also at content/kpis/k.csv:2"
            ])
    }

    @Test func badValuesInFrontMatterAreErrorsAtTheirLine() throws {
        #expect(
            try lines("measurements:\n  2026-01: 1,5\n  2026-02:\n  2026-03: null\n  2026-04: ~\n  2026-05: 0x10\n  2026-06: 84") == [
                "content/kpis/k.md:4:12: error: the value for 2026-01 must be a plain decimal number, not '1,5'",
                "content/kpis/k.md:5:11: error: the value for 2026-02 must be a plain decimal number, not empty",
                "content/kpis/k.md:6:12: error: the value for 2026-03 must be a plain decimal number, not 'null'",
                "content/kpis/k.md:7:12: error: the value for 2026-04 must be a plain decimal number, not '~'",
                "content/kpis/k.md:8:12: error: the value for 2026-05 must be a plain decimal number, not '0x10'",
            ])
    }

    @Test func badValuesInTheCSVAreErrorsAtTheirLine() throws {
        #expect(
            try lines("unit: x", csv: "period,value\n2026-01,\"1,5\"\n2026-02,\n2026-03,null\n2026-04,84\n2026-05,n/a\n") == [
                "content/kpis/k.csv:2:9: error: the value for 2026-01 must be a plain decimal number, not '1,5'",
                "content/kpis/k.csv:3:9: error: the value for 2026-02 must be a plain decimal number, not empty",
                "content/kpis/k.csv:4:9: error: the value for 2026-03 must be a plain decimal number, not 'null'",
                "content/kpis/k.csv:6:9: error: the value for 2026-05 must be a plain decimal number, not 'n/a'",
            ])
    }

    @Test func aDecimalCommaInATwoColumnCSVIsAnErrorNotANote() throws {
        #expect(
            try lines("unit: x", csv: "period,value\n2026-01,84\n2026-02,1,5\n") == [
                "content/kpis/k.csv:3:1: error: expected 2 columns (period,value), found 3: is a decimal written with a comma?"
            ])
    }

    @Test(arguments: ["84", "-2.5", "1e3", "+4", ".5", "7.", "1E-2"])
    func plainDecimalNumbersAreValues(text: String) {
        #expect(parseDecimal(text) != nil)
    }

    @Test(arguments: ["1,5", "", " ", "null", "~", "0x10", "inf", "nan", "1e", "--1", "1.2.3", "84%", "1_000", "1e400"])
    func anythingElseIsNotAValue(text: String) {
        #expect(parseDecimal(text) == nil)
    }

    @Test func aCSVWithBOMCRLFAndBlankLinesIsRead() throws {
        let csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Period,Value,Note\r\n\r\n2026-01,80,\"slow, then better\"\r\n   \r\n2026-02,81\r\n".utf8)
        let folder = try ContentFolder(["kpis/k.md": kpiNote("unit: x")], bytes: ["kpis/k.csv": csv])
        let result = folder.load()
        #expect(result.diagnostics.isEmpty)
        guard case .kpi(let definition)? = result.portal?.notes.first?.details else {
            Issue.record("no KPI: \(result.lines)")
            return
        }
        #expect(definition.measurements.map(\.value) == [80, 81])
        #expect(definition.measurements.map(\.note) == ["slow, then better", nil])
        #expect(definition.measurements.map(\.line) == [3, 5])
    }

    @Test func lineNumbersInACRLFCSVCountBlankLines() throws {
        let csv = Array("period,value\r\n\r\n\r\n2026-01,oops\r\n".utf8)
        let folder = try ContentFolder(["kpis/k.md": kpiNote("unit: x")], bytes: ["kpis/k.csv": csv])
        #expect(
            folder.load().lines == [
                "content/kpis/k.csv:4:9: error: the value for 2026-01 must be a plain decimal number, not 'oops'"
            ])
    }

    @Test func aCSVWithoutTheHeaderIsAnError() throws {
        #expect(
            try lines("unit: x", csv: "2026-01,80\n") == [
                "content/kpis/k.csv:1:1: error: the first row must be the header 'period,value' or 'period,value,note'"
            ])
    }

    @Test func aCSVWithoutAKPINoteIsAWarning() throws {
        let folder = try ContentFolder(["kpis/orphan.csv": "period,value\n2026-01,1\n"])
        #expect(
            folder.load().lines == [
                "content/kpis/orphan.csv:1:1: warning: no KPI note beside this CSV (expected kpis/orphan.md): its rows are not used"
            ])
    }
}
