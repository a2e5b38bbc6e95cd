import RapportCore

/// A small JSON writer with a fixed key order, so the data API is byte-identical between
/// builds and reads in the contract's order.
struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma = [false]

    static func string(_ value: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(value.utf8.count + 8)
        var bytes = Array(value.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            // `<`, `>` and `&` as escapes keep `</script>` harmless when JSON is inlined in a page.
            case 0x3C: out += Array("\\u003c".utf8)
            case 0x3E: out += Array("\\u003e".utf8)
            case 0x26: out += Array("\\u0026".utf8)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 and U+2029 end a line in JavaScript.
                out += Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                index += 2
            default:
                if byte < 0x20 {
                    let hex = String(byte, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(byte)
                }
            }
            index += 1
        }
        bytes.removeAll()
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
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
