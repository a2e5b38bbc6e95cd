/// A fiscal quarter such as `2026-Q1`: the first quarter of the fiscal year that starts in
/// calendar 2026. Which months it covers depends on the portal's `fiscal_year_start`.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The calendar year in which the fiscal year starts.
    public let fiscalYear: Int
    /// 1 to 4.
    public let number: Int

    public init(fiscalYear: Int, number: Int) {
        self.fiscalYear = fiscalYear
        self.number = number
    }

    /// Parses `YYYY-Qn`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == 0x2D, bytes[5] == UInt8(ascii: "Q"),
            let year = digits(bytes[0..<4]), let number = digits(bytes[6..<7]), (1...4).contains(number)
        else { return nil }
        self.init(fiscalYear: year, number: number)
    }

    public var description: String { "\(pad(fiscalYear, 4))-Q\(number)" }

    public var previous: Quarter {
        number == 1 ? Quarter(fiscalYear: fiscalYear - 1, number: 4) : Quarter(fiscalYear: fiscalYear, number: number - 1)
    }

    public var next: Quarter {
        number == 4 ? Quarter(fiscalYear: fiscalYear + 1, number: 1) : Quarter(fiscalYear: fiscalYear, number: number + 1)
    }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.fiscalYear, lhs.number) < (rhs.fiscalYear, rhs.number)
    }
}

/// The portal's fiscal calendar: which month opens Q1.
public struct FiscalCalendar: Sendable, Hashable {
    /// 1 (January) to 12.
    public let startMonth: Int

    public init(startMonth: Int = 1) { self.startMonth = startMonth }

    /// The fiscal quarter that contains `day`.
    public func quarter(containing day: Day) -> Quarter {
        let offset = (day.month - startMonth + 12) % 12
        let fiscalYear = day.month >= startMonth ? day.year : day.year - 1
        return Quarter(fiscalYear: fiscalYear, number: offset / 3 + 1)
    }

    /// The first day of `quarter`.
    public func firstDay(of quarter: Quarter) -> Day {
        let monthIndex = startMonth - 1 + (quarter.number - 1) * 3
        // By ordinal, never force-unwrapped: `9999-Q4` (or `0000-Q1`, a QBR file name) has
        // bounds outside the years a note can be dated in, and must not crash the build.
        return Day(ordinal: Day.ordinal(year: quarter.fiscalYear + monthIndex / 12, month: monthIndex % 12 + 1, day: 1))
    }

    /// The last day of `quarter`.
    public func lastDay(of quarter: Quarter) -> Day {
        firstDay(of: quarter.next).adding(days: -1)
    }

    /// Every quarter from `first` to `last`, both included, oldest first.
    public func quarters(from first: Quarter, through last: Quarter) -> [Quarter] {
        var out: [Quarter] = []
        var quarter = first
        while quarter <= last {
            out.append(quarter)
            quarter = quarter.next
        }
        return out
    }
}
