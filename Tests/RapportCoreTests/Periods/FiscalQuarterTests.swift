import Testing

@testable import RapportCore

/// `fiscal_year_start` opens Q1; `2026-Q1` is the first quarter of the fiscal year that
/// starts in calendar 2026.
@Suite struct FiscalQuarterTests {
    @Test(arguments: [
        (1, "2026-01-01", "2026-Q1"), (1, "2026-03-31", "2026-Q1"), (1, "2026-04-01", "2026-Q2"),
        (1, "2026-12-31", "2026-Q4"),
        (4, "2026-04-01", "2026-Q1"), (4, "2026-06-30", "2026-Q1"), (4, "2026-07-01", "2026-Q2"),
        (4, "2026-12-31", "2026-Q3"), (4, "2027-01-01", "2026-Q4"), (4, "2026-03-31", "2025-Q4"),
        (10, "2026-10-01", "2026-Q1"), (10, "2026-12-31", "2026-Q1"), (10, "2027-01-01", "2026-Q2"),
        (10, "2027-09-30", "2026-Q4"), (10, "2026-09-30", "2025-Q4"), (10, "2026-05-20", "2025-Q3"),
    ])
    func aDayBelongsToTheFiscalQuarterThatContainsIt(startMonth: Int, day: String, quarter: String) throws {
        let calendar = FiscalCalendar(startMonth: startMonth)
        #expect(calendar.quarter(containing: try #require(Day(day))).description == quarter)
    }

    @Test(arguments: [
        (1, "2024-Q1", "2024-01-01", "2024-03-31"), (1, "2026-Q4", "2026-10-01", "2026-12-31"),
        (4, "2026-Q1", "2026-04-01", "2026-06-30"), (4, "2026-Q4", "2027-01-01", "2027-03-31"),
        (10, "2026-Q1", "2026-10-01", "2026-12-31"), (10, "2026-Q2", "2027-01-01", "2027-03-31"),
        (10, "2025-Q4", "2026-07-01", "2026-09-30"),
    ])
    func aQuarterSpansThreeMonths(startMonth: Int, quarter: String, first: String, last: String) throws {
        let calendar = FiscalCalendar(startMonth: startMonth)
        let parsed = try #require(Quarter(quarter))
        #expect(calendar.firstDay(of: parsed).description == first)
        #expect(calendar.lastDay(of: parsed).description == last)
    }

    @Test func quartersFromFirstToLastHaveNoGapsAcrossYears() throws {
        let calendar = FiscalCalendar(startMonth: 4)
        let range = calendar.quarters(from: try #require(Quarter("2025-Q3")), through: try #require(Quarter("2026-Q2")))
        #expect(range.map(\.description) == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"])
    }

    @Test(arguments: [
        (1, "2026-03", "2026-Q1"), (4, "2026-03", "2025-Q4"), (4, "2026-04", "2026-Q1"), (10, "2026-09", "2025-Q4"),
        (10, "2026-10", "2026-Q1"), (10, "2027-02", "2026-Q2"),
    ])
    func aMonthBelongsToItsFiscalQuarter(startMonth: Int, month: String, quarter: String) throws {
        guard case .period(let period)? = PeriodKey(month) else {
            Issue.record("\(month) did not parse")
            return
        }
        #expect(period.quarter(in: FiscalCalendar(startMonth: startMonth)).description == quarter)
    }

    @Test(arguments: ["2026-Q0", "2026-Q5", "2026-q1", "26-Q1", "2026-Q12"])
    func malformedQuartersAreNotQuarters(text: String) {
        #expect(Quarter(text) == nil)
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-1", "2026-02-30", "2026/01", "January"])
    func malformedKeysAreNotPeriods(text: String) {
        #expect(PeriodKey(text) == nil)
    }

    @Test func quarterBoundsOutsideTheYearsANoteCanNameDoNotCrash() throws {
        let april = FiscalCalendar(startMonth: 4)
        let last = try #require(Quarter("9999-Q4"))
        #expect(april.firstDay(of: last).description == "10000-01-01")
        #expect(april.lastDay(of: last).description == "10000-03-31")
        #expect(FiscalCalendar().lastDay(of: last).description == "9999-12-31")
        #expect(FiscalCalendar().firstDay(of: try #require(Quarter("0000-Q1"))).description == "0000-01-01")
    }

    @Test func notesAtTheEndOfTheCalendarAreAnalysedWithoutACrash() throws {
        let folder = try ContentFolder([
            "meetings/last.md": meetingNote("9999-12-31", "- [ ] @ana the last action\n"),
            "kpis/k.md": kpiNote("measurements:\n  9999-12: 1"),
            "qbr/0000-Q1.md": "---\ntitle: Year zero\n---\n",
        ])
        let analysis = try #require(folder.analysis(asOf: "2026-01-01"))
        #expect(analysis.quarters.map { "\($0.quarter) \($0.firstDay)..\($0.lastDay)" } == ["9999-Q4 9999-10-01..9999-12-31"])
    }

    @Test func quartersOrderAcrossFiscalYears() throws {
        let q4 = try #require(Quarter("2025-Q4"))
        #expect(q4 < Quarter(fiscalYear: 2026, number: 1))
        #expect(q4.next.description == "2026-Q1")
        #expect(q4.next.previous == q4)
    }
}

/// A day's ISO text, written digit by digit: padded years, months and days, and the years
/// outside four digits that fall back to plain formatting.
@Suite struct DayTextTests {
    @Test(arguments: [
        (2026, 3, 27, "2026-03-27"), (999, 1, 1, "0999-01-01"), (7, 12, 31, "0007-12-31"), (2024, 2, 29, "2024-02-29"),
        (9999, 12, 31, "9999-12-31"),
    ])
    func aDayIsWrittenAsYearMonthDay(year: Int, month: Int, day: Int, text: String) throws {
        let parsed = try #require(Day(year: year, month: month, day: day))
        #expect(parsed.description == text)
        #expect(Day(text) == parsed)
    }

    @Test func aDayPastYear9999KeepsEveryDigit() throws {
        let last = try #require(Day(year: 9999, month: 12, day: 31))
        #expect(last.adding(days: 1).description == "10000-01-01")
    }
}
