import Testing

@testable import RapportCore

/// ISO 8601 weeks: week 1 holds 4 January, weeks start on Monday, and a week belongs to
/// the quarter of its Thursday.
@Suite struct ISOWeekTests {
    private func week(_ key: String) throws -> Period {
        guard case .period(let period)? = PeriodKey(key) else { throw Unparsed(key: key) }
        return period
    }

    private struct Unparsed: Error { let key: String }

    @Test(arguments: [
        ("2026-W01", "2025-12-29"), ("2025-W01", "2024-12-30"), ("2021-W01", "2021-01-04"), ("2020-W01", "2019-12-30"),
        ("2020-W53", "2020-12-28"), ("2026-W53", "2026-12-28"), ("2015-W53", "2015-12-28"), ("2023-W52", "2023-12-25"),
        ("2026-W10", "2026-03-02"),
    ])
    func aWeekStartsOnItsMonday(key: String, monday: String) throws {
        let first = try week(key).firstDay(in: FiscalCalendar())
        #expect(first.description == monday)
        #expect(first.weekday == 1)
    }

    @Test(arguments: [
        ("2025-12-29", "2026-W01"), ("2026-01-04", "2026-W01"), ("2026-01-05", "2026-W02"), ("2021-01-01", "2020-W53"),
        ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"), ("2024-12-30", "2025-W01"), ("2027-01-03", "2026-W53"),
        ("2016-01-03", "2015-W53"), ("2023-01-01", "2022-W52"), ("2026-12-31", "2026-W53"),
    ])
    func aDayBelongsToTheISOWeekOfItsThursday(day: String, expected: String) throws {
        let period = Period.containing(try #require(Day(day)), frequency: .weekly, calendar: FiscalCalendar())
        #expect(period.description == expected)
    }

    @Test(arguments: [(2020, 53), (2021, 52), (2026, 53), (2025, 52), (2015, 53), (2032, 53), (2027, 52)])
    func aYearHas52Or53Weeks(year: Int, weeks: Int) {
        #expect(Period.isoWeeks(in: year) == weeks)
    }

    @Test(arguments: ["2021-W53", "2025-W53", "2026-W00", "2026-W54", "2026-W1", "2026-w01"])
    func aWeekTheYearDoesNotHaveIsNotAPeriod(key: String) {
        #expect(PeriodKey(key) == nil)
    }

    @Test(arguments: [
        // Monday 2026-03-30, Thursday 2 April: the second quarter.
        ("2026-W14", 1, "2026-Q2"),
        // Monday 2023-03-27, Thursday 30 March, Sunday 2 April: still the first quarter.
        ("2023-W13", 1, "2023-Q1"),
        // Monday 2020-12-28, Thursday 31 December 2020.
        ("2020-W53", 1, "2020-Q4"),
        // Monday 2025-12-29, Thursday 1 January 2026.
        ("2026-W01", 1, "2026-Q1"),
        // Monday 2024-12-30, Thursday 2 January 2025.
        ("2025-W01", 1, "2025-Q1"),
        // With the fiscal year opening in April, 2026-W14 (Thursday 2 April) opens FY2026.
        ("2026-W14", 4, "2026-Q1"),
        ("2026-W13", 4, "2025-Q4"),
        // With October: Thursday 1 October 2026 is in Q1 of FY2026.
        ("2026-W40", 10, "2026-Q1"),
        ("2026-W39", 10, "2025-Q4"),
    ])
    func aWeekBelongsToTheQuarterOfItsThursday(key: String, startMonth: Int, quarter: String) throws {
        #expect(try week(key).quarter(in: FiscalCalendar(startMonth: startMonth)).description == quarter)
    }

    @Test func weekdaysAreISONumbered() {
        #expect(Day("2026-03-09")?.weekday == 1)
        #expect(Day("2026-03-15")?.weekday == 7)
        #expect(Day("1970-01-01")?.weekday == 4)
        #expect(Day("1969-12-29")?.weekday == 1)
    }
}
