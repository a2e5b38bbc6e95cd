extension NoteParser {
    /// The most problems reported for one file's measurements; the rest are counted.
    static let measurementDiagnosticLimit = 20

    /// A KPI's definition and measurements, from front matter and the CSV beside the note.
    func parseKPI(_ header: NoteHeader, fields: FieldReader, log: inout DiagnosticLog) -> KPIDefinition? {
        let direction = fields.oneOf("direction", ["higher", "lower"], log: &log).flatMap(Direction.init) ?? .higher
        let frequency = fields.oneOf("frequency", Frequency.allCases.map(\.rawValue), log: &log).flatMap(Frequency.init) ?? .monthly
        let aggregate = fields.oneOf("aggregate", Aggregate.allCases.map(\.rawValue), log: &log).flatMap(Aggregate.init) ?? .mean
        var collector = MeasurementCollector(frequency: frequency, calendar: calendar, displayRoot: displayRoot)

        if let node = header.front["measurements"], !node.isNull {
            if let entries = node.entries {
                for entry in entries {
                    collector.add(
                        key: entry.key, keyLine: entry.keyLine, keyColumn: entry.keyColumn,
                        valueText: entry.value.isNull ? nil : entry.value.string,
                        valueLine: entry.value.line, valueColumn: entry.value.column,
                        note: nil, path: header.path, log: &log)
                }
            } else {
                log.error(header.displayPath, node.line, node.column, "'measurements' must map periods to values, like '2026-01: 82.5'")
            }
        }
        let csvPath = String(header.path.dropLast(3)) + ".csv"
        if csvFiles.contains(csvPath) {
            readCSV(csvPath, into: &collector, log: &log)
        }
        collector.reportOverflow(log: &log)
        return KPIDefinition(
            unit: fields.text("unit", log: &log) ?? "",
            direction: direction,
            target: fields.number("target", log: &log),
            warning: fields.number("warning", log: &log),
            quarterTarget: fields.number("quarter_target", log: &log),
            quarterWarning: fields.number("quarter_warning", log: &log),
            frequency: frequency, aggregate: aggregate,
            owner: fields.text("owner", log: &log),
            measurements: collector.measurements.sorted {
                $0.period.firstDay(in: calendar) < $1.period.firstDay(in: calendar)
            })
    }

    private func readCSV(_ path: String, into collector: inout MeasurementCollector, log: inout DiagnosticLog) {
        let display = ContentScanner.join(displayRoot, path)
        guard let bytes = ContentScanner.read(ContentScanner.join(contentRoot, path)) else {
            log.error(display, 1, 1, "cannot read the file")
            return
        }
        guard let text = FrontMatter.decodeText(bytes) else {
            log.error(display, 1, 1, "not UTF-8 text: save the CSV as UTF-8")
            return
        }
        var sawHeader = false
        var columns = 2
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if rawLine.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let fields = CSVLine.fields(rawLine) else {
                log.error(display, lineNumber, 1, "unbalanced quotes")
                continue
            }
            if !sawHeader {
                sawHeader = true
                let names = fields.map { $0.text.trimmingSpaces.lowercased() }
                guard names.count >= 2, names[0] == "period", names[1] == "value",
                    names.count == 2 || (names.count == 3 && names[2] == "note")
                else {
                    log.error(display, lineNumber, 1, "the first row must be the header 'period,value' or 'period,value,note'")
                    return
                }
                columns = names.count
                continue
            }
            // A row may leave the note out, never add a column the header lacks: under
            // 'period,value', `2026-01,1,5` is a decimal comma, not a value and a note.
            guard fields.count >= 2, fields.count <= columns else {
                let expected = columns == 2 ? "2 columns (period,value)" : "2 or 3 columns (period,value,note)"
                let hint = fields.count > columns ? ": is a decimal written with a comma?" : ""
                log.error(display, lineNumber, 1, "expected \(expected), found \(fields.count)\(hint)")
                continue
            }
            let note = fields.count == 3 ? fields[2].text.trimmingSpaces : ""
            collector.add(
                key: fields[0].text.trimmingSpaces, keyLine: lineNumber, keyColumn: fields[0].column,
                valueText: fields[1].text.trimmingSpaces, valueLine: lineNumber, valueColumn: fields[1].column,
                note: note.isEmpty ? nil : note, path: path, log: &log)
        }
    }
}

/// Gathers a KPI's measurements, checking keys against the frequency and finding
/// periods given twice.
struct MeasurementCollector {
    let frequency: Frequency
    let calendar: FiscalCalendar
    let displayRoot: String
    var measurements: [Measurement] = []
    var seen: [Period: (path: String, line: Int)] = [:]
    var reported = 0
    var suppressed = 0
    var lastPath = ""

    init(frequency: Frequency, calendar: FiscalCalendar, displayRoot: String) {
        self.frequency = frequency
        self.calendar = calendar
        self.displayRoot = displayRoot
    }

    mutating func add(
        key: String, keyLine: Int, keyColumn: Int, valueText: String?, valueLine: Int, valueColumn: Int,
        note: String?, path: String, log: inout DiagnosticLog
    ) {
        let display = ContentScanner.join(displayRoot, path)
        lastPath = display
        guard let parsed = PeriodKey(key) else {
            report(&log, display, keyLine, keyColumn, "'\(key)' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD")
            return
        }
        let period: Period
        switch parsed {
        case .day(let day): period = Period.containing(day, frequency: frequency, calendar: calendar)
        case .period(let given):
            guard given.frequency == frequency else {
                report(&log, display, keyLine, keyColumn, "'\(key)' is a \(given.frequency.rawValue) period, but this KPI is \(frequency.rawValue)")
                return
            }
            period = given
        }
        guard let valueText, let value = parseDecimal(valueText) else {
            let shown = valueText.map { "'\($0)'" } ?? "empty"
            report(&log, display, valueLine, valueColumn, "the value for \(key) must be a plain decimal number, not \(shown)")
            return
        }
        if let first = seen[period] {
            report(&log, display, keyLine, keyColumn, "\(period) is measured twice: also at \(ContentScanner.join(displayRoot, first.path)):\(first.line)")
            return
        }
        seen[period] = (path, keyLine)
        measurements.append(Measurement(period: period, value: value, note: note, path: path, line: keyLine))
    }

    private mutating func report(_ log: inout DiagnosticLog, _ path: String, _ line: Int, _ column: Int, _ message: String) {
        if reported < NoteParser.measurementDiagnosticLimit {
            reported += 1
            log.error(path, line, column, message)
        } else {
            suppressed += 1
        }
    }

    func reportOverflow(log: inout DiagnosticLog) {
        if suppressed > 0 {
            log.error(lastPath, 1, 1, "\(suppressed) more problems with measurements not shown")
        }
    }
}

/// Splits one CSV line into fields, with RFC 4180 quoting (`"a ""b"""`).
enum CSVLine {
    static func fields(_ line: Substring) -> [(text: String, column: Int)]? {
        var fields: [(String, Int)] = []
        var current: [UInt8] = []
        var column = 1
        var fieldStart = 1
        var inQuotes = false
        var bytes = Array(line.utf8)
        if bytes.last == 0x0D { bytes.removeLast() }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        current.append(0x22)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(byte)
                }
            } else if byte == 0x22 {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                fields.append((String(decoding: current, as: UTF8.self), fieldStart))
                current = []
                fieldStart = column + 1
            } else {
                current.append(byte)
            }
            index += 1
            column += 1
        }
        if inQuotes { return nil }
        fields.append((String(decoding: current, as: UTF8.self), fieldStart))
        return fields
    }
}
