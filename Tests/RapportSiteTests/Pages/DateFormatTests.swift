import RapportCore
import Testing

@testable import RapportSite

/// Dates for people are written in place; they read as the day, the month's name and the
/// year joined by spaces, for every day from year 1 to 9999.
@Suite struct DateFormatTests {
    @Test func datesReadAsDayMonthAndYear() {
        #expect(Format.shortDate(Day("2026-04-07")!) == "7 Apr 2026")
        #expect(Format.longDate(Day("2026-09-30")!) == "30 September 2026")
        var checked = 0
        for (year, step) in [(1, 37), (999, 1), (1000, 1), (2016, 1), (2026, 1), (9999, 1)] {
            var day = Day(year: year, month: 1, day: 1)!
            while day.year == year {
                let month = Format.monthNames[day.month - 1]
                #expect(Format.longDate(day) == "\(day.day) \(month) \(day.year)")
                #expect(Format.shortDate(day) == "\(day.day) \(month.prefix(3)) \(day.year)")
                checked += 1
                day = day.adding(days: step)
            }
        }
        #expect(checked > 5 * 365)
    }
}

/// Words for people are capitalized as Foundation capitalizes them.
@Suite struct CapitalizedTests {
    @Test func wordsAreCapitalizedAsFoundationDoesIt() {
        let words = [
            "positive", "constructive", "open", "monthly", "high", "a", "", "Positive", "needs work", "needs-work", "x2",
            "éclair", "ÉTÉ", "two words here", "mIxEd", "z", "under_score", "quarterly ", " leading",
        ]
        for word in words {
            #expect(Format.capitalized(word) == word.capitalized, "'\(word)'")
        }
        #expect(Format.capitalized("positive") == "Positive")
    }
}
