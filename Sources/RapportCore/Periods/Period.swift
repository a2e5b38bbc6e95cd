/// How often a KPI is measured.
public enum Frequency: String, Sendable, CaseIterable {
    case weekly, monthly, quarterly
}

/// One KPI measurement period: a month, an ISO week or a fiscal quarter.
public enum Period: Sendable, Hashable, CustomStringConvertible {
    case month(year: Int, month: Int)
    /// ISO 8601 week: week-numbering year and week number.
    case week(year: Int, week: Int)
    case quarter(Quarter)

    /// The name the period is reported under: `2026-03`, `2026-W09`, `2026-Q1`.
    public var description: String {
        switch self {
        case .month(let year, let month): return "\(pad(year, 4))-\(pad(month, 2))"
        case .week(let year, let week): return "\(pad(year, 4))-W\(pad(week, 2))"
        case .quarter(let quarter): return quarter.description
        }
    }

    public var frequency: Frequency {
        switch self {
        case .month: return .monthly
        case .week: return .weekly
        case .quarter: return .quarterly
        }
    }

    /// The first day of the period.
    public func firstDay(in calendar: FiscalCalendar) -> Day {
        switch self {
        case .month(let year, let month): return Day(year: year, month: month, day: 1)!
        case .week(let year, let week): return Period.mondayOfISOWeek1(year).adding(days: (week - 1) * 7)
        case .quarter(let quarter): return calendar.firstDay(of: quarter)
        }
    }

    /// The fiscal quarter the period belongs to; a week belongs to the quarter of its
    /// Thursday (the ISO rule).
    public func quarter(in calendar: FiscalCalendar) -> Quarter {
        switch self {
        case .month:
            return calendar.quarter(containing: firstDay(in: calendar))
        case .week:
            return calendar.quarter(containing: firstDay(in: calendar).adding(days: 3))
        case .quarter(let quarter):
            return quarter
        }
    }

    /// The period of `frequency` that contains `day`.
    public static func containing(_ day: Day, frequency: Frequency, calendar: FiscalCalendar) -> Period {
        switch frequency {
        case .monthly: return .month(year: day.year, month: day.month)
        case .quarterly: return .quarter(calendar.quarter(containing: day))
        case .weekly:
            let (year, week) = isoWeek(of: day)
            return .week(year: year, week: week)
        }
    }

    /// The ISO week-numbering year and week of `day`.
    public static func isoWeek(of day: Day) -> (year: Int, week: Int) {
        let thursday = day.adding(days: 4 - day.weekday)
        let week1 = mondayOfISOWeek1(thursday.year)
        return (thursday.year, (day.ordinal - week1.ordinal) / 7 + 1)
    }

    /// The Monday of ISO week 1: the week that holds 4 January.
    static func mondayOfISOWeek1(_ year: Int) -> Day {
        let january4 = Day(year: year, month: 1, day: 4)!
        return january4.adding(days: 1 - january4.weekday)
    }

    /// 52 or 53.
    public static func isoWeeks(in year: Int) -> Int {
        isoWeek(of: Day(year: year, month: 12, day: 28)!).week
    }
}

/// What a measurement key says, before the KPI's frequency is applied.
public enum PeriodKey: Sendable, Equatable {
    case period(Period)
    case day(Day)

    /// Parses `YYYY-MM`, `YYYY-Www`, `YYYY-Qn` or `YYYY-MM-DD`; nil for anything else
    /// (including impossible months, weeks and days).
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if bytes.count == 10, let day = Day(text) {
            self = .day(day)
        } else if bytes.count == 7, bytes[4] == 0x2D, let year = digits(bytes[0..<4]) {
            if bytes[5] == UInt8(ascii: "Q") {
                guard let quarter = Quarter(text) else { return nil }
                self = .period(.quarter(quarter))
            } else {
                guard let month = digits(bytes[5..<7]), (1...12).contains(month), year >= 1 else { return nil }
                self = .period(.month(year: year, month: month))
            }
        } else if bytes.count == 8, bytes[4] == 0x2D, bytes[5] == UInt8(ascii: "W"),
            let year = digits(bytes[0..<4]), year >= 1, let week = digits(bytes[6..<8]),
            week >= 1, week <= Period.isoWeeks(in: year)
        {
            self = .period(.week(year: year, week: week))
        } else {
            return nil
        }
    }
}
