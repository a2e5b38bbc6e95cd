import RapportCore

/// A small JSON writer with a fixed key order, so the data API is byte-identical between
/// builds and reads in the contract's order.
struct JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var needsComma = [false]

    static func string(_ value: String) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes a JSON string keeps as they are: all but control characters, `"`, `\`,
    /// `<`, `>`, `&` and the lead byte of U+2028 and U+2029 (which is checked further).
    private static let plainBytes: [Bool] = (0...255).map { byte in
        byte >= 0x20 && ![0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2].contains(byte)
    }

    /// Appends `value` as a JSON string (see `string(_:)`).
    static func append(_ value: String, to out: inout [UInt8]) {
        plainBytes.withUnsafeBufferPointer { append(value, plain: $0, to: &out) }
    }

    private static func append(_ value: String, plain: UnsafeBufferPointer<Bool>, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 2)
            out.append(0x22)
            var runStart = 0
            var index = 0
            func escape(_ replacement: StaticString, skipping extra: Int = 0) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += extra
                runStart = index + 1
            }
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes are letters, digits, spaces and punctuation that stay as they are.
                if plain[Int(byte)] {
                    index += 1
                    continue
                }
                switch byte {
                case 0x22: escape("\\\"")
                case 0x5C: escape("\\\\")
                case 0x0A: escape("\\n")
                case 0x0D: escape("\\r")
                case 0x09: escape("\\t")
                // `<`, `>` and `&` as escapes keep `</script>` harmless when JSON is inlined in a page.
                case 0x3C: escape("\\u003c")
                case 0x3E: escape("\\u003e")
                case 0x26: escape("\\u0026")
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in JavaScript.
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 2)
                case 0..<0x20:
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    let hex = String(byte, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                    runStart = index + 1
                default:
                    break
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            out.append(0x22)
        }
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
        var out: [UInt8] = []
        appendObject(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `object(fields)`'s bytes, for a file of thousands of objects made in one buffer.
    static func appendObject(_ fields: [(String, Value)], to out: inout [UInt8]) {
        // Byte by byte and from static text: an array literal for each ", " and ": " was
        // an allocation, two for each field of thousands of objects.
        func literal(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        out.append(UInt8(ascii: "{"))
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 {
                out.append(UInt8(ascii: ","))
                out.append(0x20)
            }
            append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(0x20)
            switch value {
            case .string(let text?): append(text, to: &out)
            case .string(nil), .null: literal("null")
            case .bool(let flag): if flag { literal("true") } else { literal("false") }
            default:
                var encoded = encode(value)
                encoded.withUTF8 { out.append(contentsOf: $0) }
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON array of already-encoded values, one per line.
    static func array(_ items: [String], indent: String = "  ") -> String {
        if items.isEmpty { return "[]" }
        return "[\n" + items.map { indent + $0 }.joined(separator: ",\n") + "\n" + String(indent.dropLast(2)) + "]"
    }

    /// An inline JSON array of already-encoded values.
    static func inlineArray(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
}
