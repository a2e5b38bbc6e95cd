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
                        valueText: entry.value.string,
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
            // Each start day computed once, not twice per comparison: with a million-row CSV
            // the comparator's date arithmetic was a large share of loading it.
            measurements: collector.measurements.map { ($0.period.firstDay(in: calendar).ordinal, $0) }
                .sorted { $0.0 < $1.0 }.map(\.1))
    }

    private func readCSV(_ path: String, into collector: inout MeasurementCollector, log: inout DiagnosticLog) {
        guard let bytes = ContentScanner.read(ContentScanner.join(contentRoot, path)) else {
            log.error(ContentScanner.join(displayRoot, path), 1, 1, "cannot read the file")
            return
        }
        MeasurementCSV.read(bytes, path: path, into: &collector, log: &log)
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
    /// Problems reported and left unreported, by file (a KPI's note and its CSV each get
    /// their own `NoteParser.measurementDiagnosticLimit`).
    var reported: [String: Int] = [:]
    var suppressed: [String: Int] = [:]

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
        guard let parsed = PeriodKey(key) else {
            report(&log, display, keyLine, keyColumn, "'\(key)' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD")
            return
        }
        let period: Period
        switch parsed {
        case .day(let day): period = Period.containing(day, frequency: frequency, calendar: calendar)
        case .period(let given):
            guard given.frequency == frequency else {
                let expected = frequency  // a copy: the message may not read `self` while `report` changes it
                report(&log, display, keyLine, keyColumn, "'\(key)' is a \(given.frequency.rawValue) period, but this KPI is \(expected.rawValue)")
                return
            }
            period = given
        }
        guard let valueText, let value = parseDecimal(valueText) else {
            // YAML's `null` and `~` are named as written; an empty value is called empty.
            let shown = valueText.map { $0.isEmpty ? "empty" : "'\($0)'" } ?? "a list or mapping"
            report(&log, display, valueLine, valueColumn, "the value for \(key) must be a plain decimal number, not \(shown)")
            return
        }
        if let first = seen[period] {
            let root = displayRoot
            report(&log, display, keyLine, keyColumn, "\(period) is measured twice: also at \(ContentScanner.join(root, first.path)):\(first.line)")
            return
        }
        seen[period] = (path, keyLine)
        measurements.append(Measurement(period: period, value: value, note: note, path: path, line: keyLine))
    }

    /// Reports a problem with a measurement of the file at `path` (as displayed), or only
    /// counts it once the file has had its share: a million bad rows give 21 lines, not a
    /// million (and the messages of the uncounted ones are never made).
    mutating func report(
        _ log: inout DiagnosticLog, _ path: String, _ line: Int, _ column: Int, _ message: @autoclosure () -> String
    ) {
        if reported[path, default: 0] < NoteParser.measurementDiagnosticLimit {
            reported[path, default: 0] += 1
            log.error(path, line, column, message())
        } else {
            suppressed[path, default: 0] += 1
        }
    }

    func reportOverflow(log: inout DiagnosticLog) {
        for (path, count) in suppressed.sorted(by: { $0.key < $1.key }) {
            log.error(path, 1, 1, "\(count) more problems with measurements not shown")
        }
    }
}
