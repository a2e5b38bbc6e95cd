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

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    static let shortMonthNames = monthNames.map { String($0.prefix(3)) }

    /// `7 April 2026`.
    static func longDate(_ day: Day) -> String { String(day.day) + " " + monthNames[day.month - 1] + " " + String(day.year) }

    /// `7 Apr 2026`.
    static func shortDate(_ day: Day) -> String { String(day.day) + " " + shortMonthNames[day.month - 1] + " " + String(day.year) }

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
