/// Reads typed keys from a YAML mapping, reporting wrong types at the key's own line.
struct FieldReader {
    let node: YAMLNode
    let path: String

    func has(_ key: String) -> Bool {
        guard let value = node[key] else { return false }
        return !value.isNull
    }

    /// A scalar as text; nil when absent or null. A collection is an error.
    func text(_ key: String, log: inout DiagnosticLog) -> String? {
        guard let value = node[key], !value.isNull else { return nil }
        guard let text = value.string else {
            log.error(path, value.line, value.column, "'\(key)' must be a single value, not a list or mapping")
            return nil
        }
        return text
    }

    /// A scalar that must be one of `allowed`.
    func oneOf(_ key: String, _ allowed: [String], log: inout DiagnosticLog) -> String? {
        guard let text = text(key, log: &log) else { return nil }
        guard allowed.contains(text) else {
            let value = node[key]!
            log.error(path, value.line, value.column, "'\(key)' is '\(text)'; expected one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// A plain decimal number.
    func number(_ key: String, log: inout DiagnosticLog) -> Double? {
        guard let text = text(key, log: &log) else { return nil }
        guard let value = parseDecimal(text) else {
            let node = node[key]!
            log.error(path, node.line, node.column, "'\(key)' must be a plain decimal number, not '\(text)'")
            return nil
        }
        return value
    }

    /// A date `YYYY-MM-DD`; a date-time counts as its date part exactly as written.
    func day(_ key: String, log: inout DiagnosticLog) -> Day? {
        guard let text = text(key, log: &log) else { return nil }
        let value = node[key]!
        return FieldReader.parseDay(text, key: key, at: value, path: path, log: &log)
    }

    static func parseDay(_ text: String, key: String, at value: YAMLNode, path: String, log: inout DiagnosticLog) -> Day? {
        let utf8 = Array(text.utf8)
        var datePart = text
        if utf8.count > 10, utf8[10] == UInt8(ascii: "T") || utf8[10] == UInt8(ascii: " ") || utf8[10] == UInt8(ascii: "t") {
            datePart = String(text.prefix(10))
        }
        if let day = Day(datePart) { return day }
        let shaped = datePart.utf8.count == 10 && datePart.utf8.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 ? byte == 0x2D : (byte >= 0x30 && byte <= 0x39)
        }
        if shaped {
            log.error(path, value.line, value.column, "'\(key)' is '\(text)', which is not a date on the calendar")
        } else {
            log.error(path, value.line, value.column, "'\(key)' must be a date written YYYY-MM-DD, not '\(text)'")
        }
        return nil
    }

    /// A boolean: true/false (yes/no also accepted).
    func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let text = text(key, log: &log) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            let value = node[key]!
            log.error(path, value.line, value.column, "'\(key)' must be true or false, not '\(text)'")
            return nil
        }
    }

    /// A list of scalars; a single scalar counts as a list of one.
    func list(_ key: String, log: inout DiagnosticLog) -> [(text: String, node: YAMLNode)] {
        guard let value = node[key], !value.isNull else { return [] }
        if let text = value.string { return [(text, value)] }
        guard let items = value.items else {
            log.error(path, value.line, value.column, "'\(key)' must be a list")
            return []
        }
        var out: [(String, YAMLNode)] = []
        for item in items {
            guard let text = item.string else {
                log.error(path, item.line, item.column, "'\(key)' must hold single values")
                continue
            }
            if !item.isNull { out.append((text, item)) }
        }
        return out
    }
}
