/// Reads the CSV beside a KPI note (`kpis/<id>.csv`): a header row `period,value` or
/// `period,value,note`, then one measurement per row. A UTF-8 byte-order mark and CRLF
/// line ends are accepted, blank lines skipped, fields may be quoted as in RFC 4180.
///
/// A CSV may hold a million rows, so the reader works on UTF-8 bytes (splitting a `String`
/// into `Character`s was most of the cost) and reports at most
/// `NoteParser.measurementDiagnosticLimit` problems per file, counting the rest.
enum MeasurementCSV {
    /// Reads `bytes`, the CSV at `path` (relative to the content folder), into `collector`.
    static func read(_ bytes: [UInt8], path: String, into collector: inout MeasurementCollector, log: inout DiagnosticLog) {
        let display = ContentScanner.join(collector.displayRoot, path)
        guard let text = FrontMatter.decodeText(bytes) else {
            log.error(display, 1, 1, "not UTF-8 text: save the CSV as UTF-8")
            return
        }
        let utf8 = Array(text.utf8)
        var sawHeader = false
        /// The line of the first row, when it is not the header.
        var badHeader: Int? = nil
        var columns = 2
        var lineNumber = 0
        var start = 0
        while start <= utf8.count {
            var end = start
            while end < utf8.count, utf8[end] != 0x0A { end += 1 }
            let line = utf8[start..<end]
            start = end + 1
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let fields = fields(of: line) else {
                // Before the header, a broken row is no header (found by fuzzing: reading the
                // next row as the header gave a 22nd diagnostic, past the cap).
                if !sawHeader {
                    badHeader = lineNumber
                    break
                }
                collector.report(&log, display, lineNumber, 1, "unbalanced quotes")
                continue
            }
            if !sawHeader {
                sawHeader = true
                let names = fields.map { $0.text.lowercased() }
                guard names.count >= 2, names[0] == "period", names[1] == "value",
                    names.count == 2 || (names.count == 3 && names[2] == "note")
                else {
                    badHeader = lineNumber
                    break
                }
                columns = names.count
                continue
            }
            // A row may leave the note out, never add a column the header lacks: under
            // 'period,value', `2026-01,1,5` is a decimal comma, not a value and a note.
            guard fields.count >= 2, fields.count <= columns else {
                let expected = columns == 2 ? "2 columns (period,value)" : "2 or 3 columns (period,value,note)"
                let hint = fields.count > columns ? ": is a decimal written with a comma?" : ""
                collector.report(&log, display, lineNumber, 1, "expected \(expected), found \(fields.count)\(hint)")
                continue
            }
            let note = fields.count == 3 ? fields[2].text : ""
            collector.add(
                key: fields[0].text, keyLine: lineNumber, keyColumn: fields[0].column,
                valueText: fields[1].text, valueLine: lineNumber, valueColumn: fields[1].column,
                note: note.isEmpty ? nil : note, path: path, log: &log)
        }
        if let badHeader {
            log.error(display, badHeader, 1, "the first row must be the header 'period,value' or 'period,value,note'")
        }
    }

    /// Splits one line into fields with RFC 4180 quoting (`"a ""b"""`), each trimmed of
    /// white space, with the byte column where it starts. Nil when a quote is left open.
    static func fields(of line: ArraySlice<UInt8>) -> [(text: String, column: Int)]? {
        var fields: [(text: String, column: Int)] = []
        var current: [UInt8] = []
        var fieldStart = 1
        var inQuotes = false
        var bytes = line
        if bytes.last == 0x0D { bytes.removeLast() }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let column = index - bytes.startIndex + 1
            if inQuotes {
                if byte == 0x22 {
                    if index + 1 < bytes.endIndex, bytes[index + 1] == 0x22 {
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
                fields.append((trimmed(current), fieldStart))
                current.removeAll(keepingCapacity: true)
                fieldStart = column + 1
            } else {
                current.append(byte)
            }
            index += 1
        }
        if inQuotes { return nil }
        fields.append((trimmed(current), fieldStart))
        return fields
    }

    /// The field's text without surrounding white space. ASCII white space is trimmed on
    /// bytes; text that then starts or ends beyond ASCII goes through `trimmingSpaces`,
    /// which knows every Unicode space.
    private static func trimmed(_ bytes: [UInt8]) -> String {
        var low = 0
        var high = bytes.count
        while low < high, isASCIISpace(bytes[low]) { low += 1 }
        while high > low, isASCIISpace(bytes[high - 1]) { high -= 1 }
        let text = String(decoding: bytes[low..<high], as: UTF8.self)
        if low < high, bytes[low] >= 0x80 || bytes[high - 1] >= 0x80 { return text.trimmingSpaces }
        return text
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
}
