import RapportCore

/// A small JSON writer with a fixed key order, so the data API is byte-identical between
/// builds and reads in the contract's order.
struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma = [false]

    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // keeps `</script>` harmless when JSON is inlined in a page
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    enum Value {
        case string(String?)
        case number(Double?)
        case int(Int)
        case bool(Bool)
        case null
        case raw(String)
    }

    static func encode(_ value: Value) -> String {
        switch value {
        case .string(let text): return text.map(string) ?? "null"
        case .number(let number): return number.map(Numbers.json) ?? "null"
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .raw(let json): return json
        }
    }

    /// `{"a": 1, "b": "x"}` on one line, keys in the given order.
    static func object(_ fields: [(String, Value)]) -> String {
        "{" + fields.map { string($0.0) + ": " + encode($0.1) }.joined(separator: ", ") + "}"
    }

    /// A JSON array of already-encoded values, one per line.
    static func array(_ items: [String], indent: String = "  ") -> String {
        if items.isEmpty { return "[]" }
        return "[\n" + items.map { indent + $0 }.joined(separator: ",\n") + "\n" + String(indent.dropLast(2)) + "]"
    }

    /// An inline JSON array of already-encoded values.
    static func inlineArray(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
}
