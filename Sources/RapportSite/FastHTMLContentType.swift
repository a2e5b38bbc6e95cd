import Mustache

/// HTML escaping for `{{value}}` that works on UTF-8 bytes and returns the text untouched
/// when nothing needs escaping. swift-mustache's own escaper walks grapheme clusters
/// through a dictionary; this one gives the same text (`<`, `>`, `&`, `"`, `'`) faster.
struct FastHTMLContentType: MustacheContentType {
    /// The name templates are switched to (see `TemplateSet`).
    static let name = "RAPPORT_HTML"
    /// Prepended to every template so that its `{{value}}`s use this escaper.
    static let pragma = "{{%CONTENT_TYPE:\(name)}}"

    static let registered: Void = MustacheContentTypes.register(FastHTMLContentType(), named: name)

    func escapeText(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8 where byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27 {
            needsEscaping = true
            break
        }
        if !needsEscaping { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
