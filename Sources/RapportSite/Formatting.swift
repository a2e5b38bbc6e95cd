import Foundation
import RapportCore

/// How figures read on pages. Every figure comes from `Analysis`; this only formats.
enum Format {
    /// How many decimals a KPI's values are shown with: as many as its measurements were
    /// written with (at most 3), and at least 1 for computed means of whole numbers.
    static func decimals(of kpi: KPIReport) -> Int {
        var most = 0
        for value in kpi.measurements.map(\.value) {
            var places = 0
            var scaled = value
            while places < 3, scaled != scaled.rounded() {
                places += 1
                scaled = Numbers.canonical(scaled * 10)
            }
            most = max(most, places)
        }
        return most
    }

    /// A value with its unit: `84.5%`, `412 s`, `40 pts`.
    static func value(_ value: Double?, unit: String, decimals: Int) -> String {
        guard let value else { return "–" }
        let number = Numbers.display(value, decimals: decimals)
        if unit.isEmpty { return number }
        return unit == "%" ? number + "%" : number + " " + unit
    }

    static func signed(_ value: Double?, unit: String, decimals: Int) -> String {
        guard let value else { return "–" }
        let number = Numbers.signed(value, decimals: decimals)
        if unit.isEmpty { return number }
        return unit == "%" ? number + " pts" : number + " " + unit
    }

    /// `word.capitalized` as Foundation writes it. A word of lower-case ASCII letters (every
    /// sentiment, status, cadence and impact the content model names) only has its first
    /// letter raised, without Foundation's pass over the text; anything else goes to it.
    static func capitalized(_ word: String) -> String {
        var word = word
        let simple = word.withUTF8 { bytes in
            !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        }
        guard simple else { return word.capitalized }
        return word.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                _ = out.initialize(from: bytes)
                out[0] -= 0x20
                return bytes.count
            }
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    static let shortMonthNames = monthNames.map { String($0.prefix(3)) }

    /// `7 April 2026`.
    static func longDate(_ day: Day) -> String { date(day, months: monthNames) }

    /// `7 Apr 2026`.
    static func shortDate(_ day: Day) -> String { date(day, months: shortMonthNames) }

    /// The day, the month's name and the year, written in place: pages print tens of
    /// thousands of dates, and joining four strings cost more than the rest of a row.
    private static func date(_ day: Day, months: [String]) -> String {
        var name = months[day.month - 1]
        // A `Day` has a day of 1 to 31; a year before 1000 has fewer than four digits.
        guard (1000...9999).contains(day.year) else {
            return String(day.day) + " " + name + " " + String(day.year)
        }
        return name.withUTF8 { month in
            String(unsafeUninitializedCapacity: month.count + 8) { out in
                let zero = UInt8(ascii: "0")
                var count = 0
                if day.day >= 10 {
                    out[count] = zero + UInt8(day.day / 10)
                    count += 1
                }
                out[count] = zero + UInt8(day.day % 10)
                out[count + 1] = 0x20
                count += 2
                for byte in month {
                    out[count] = byte
                    count += 1
                }
                out[count] = 0x20
                out[count + 1] = zero + UInt8(day.year / 1000)
                out[count + 2] = zero + UInt8(day.year / 100 % 10)
                out[count + 3] = zero + UInt8(day.year / 10 % 10)
                out[count + 4] = zero + UInt8(day.year % 10)
                return count + 5
            }
        }
    }

    /// A period for people: `April 2026`, `Week 9, 2026`, `2026-Q1`.
    static func period(_ period: Period) -> String {
        switch period {
        case .month(let year, let month): return "\(monthNames[month - 1].prefix(3)) \(year)"
        case .week(let year, let week): return "W\(week) \(year)"
        case .quarter(let quarter): return quarter.description
        }
    }

    /// `Apr–Jun 2026` for a quarter.
    static func quarterSpan(_ quarter: Quarter, calendar: FiscalCalendar) -> String {
        let first = calendar.firstDay(of: quarter)
        let last = calendar.lastDay(of: quarter)
        let start = monthNames[first.month - 1].prefix(3)
        let end = monthNames[last.month - 1].prefix(3)
        return first.year == last.year ? "\(start)–\(end) \(last.year)" : "\(start) \(first.year)–\(end) \(last.year)"
    }

    /// A CSS string literal for `text`: quotes, backslashes, `<` and control characters
    /// written as CSS escapes, so nothing can close the string or the `<style>` element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\" + String(scalar.value, radix: 16) + " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A meeting's kind for people: `Check-in`, `QBR`, `Steering committee`.
    static func meetingKind(_ kind: String) -> String {
        switch kind {
        case "qbr": return "QBR"
        case "steering": return "Steering committee"
        default: return kind.prefix(1).uppercased() + kind.dropFirst()
        }
    }

    /// Escapes text for HTML and XML.
    static func escape(_ text: String) -> String { HTMLEscaper.escape(text) }
}
