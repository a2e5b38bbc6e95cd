import Foundation
import RapportCore

/// Small, careful edits of HTML that Rapport itself produced (cmark-gfm output and pages).
enum HTMLText {
    /// Splits a rendered narrative at its "priorities" section: the first `<h1>`–`<h3>`
    /// whose text mentions priorities or the next quarter, up to the next heading of the
    /// same or a higher level. Returns the rest and the section's content (without its
    /// heading), or nil for the section when there is none.
    ///
    /// The narrative is cmark-gfm output, searched by bytes: its tags are ASCII, and text
    /// cut before a `<` stays whole UTF-8. (Foundation's `range(of:)` bridged the whole
    /// text at each of its many calls: a tenth of a millisecond per pack.)
    static func splitPriorities(_ html: String) -> (summary: String, priorities: String?) {
        let bytes = Array(html.utf8)
        let headings = headingRanges(html, bytes)
        guard let index = headings.firstIndex(where: { heading in
            let text = heading.text.lowercased()
            return heading.level <= 3 && (text.contains("priorit") || text.contains("next quarter"))
        }) else { return (html, nil) }
        let opening = headings[index]
        let closing = headings[(index + 1)...].first { $0.level <= opening.level }
        let sectionEnd = closing?.range.lowerBound ?? bytes.count
        let summary = String(decoding: bytes[..<opening.range.lowerBound] + bytes[sectionEnd...], as: UTF8.self)
        let content = String(decoding: bytes[opening.range.upperBound..<sectionEnd], as: UTF8.self)
        return (summary, isBlank(content) ? nil : content)
    }

    /// Top-level headings in cmark-gfm output: `<hN>text</hN>` at the start of a line, with
    /// their byte ranges (the line end after the closing tag included). `bytes` are `html`'s.
    private static func headingRanges(_ html: String, _ bytes: [UInt8]) -> [(level: Int, text: String, range: Range<Int>)] {
        var found: [(Int, String, Range<Int>)] = []
        var searchStart = 0
        while let open = html.byteOffset(of: "<h", from: searchStart) {
            searchStart = open + 2
            let atLineStart = open == 0 || bytes[open - 1] == UInt8(ascii: "\n")
            guard atLineStart, open + 2 < bytes.count, (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[open + 2]) else {
                continue
            }
            let level = Int(bytes[open + 2] - UInt8(ascii: "0"))
            let afterLevel = open + 3
            guard afterLevel < bytes.count, bytes[afterLevel] == UInt8(ascii: ">") || bytes[afterLevel] == UInt8(ascii: " ") else {
                continue
            }
            guard let close = html.byteOffset(of: "</h\(level)>", from: afterLevel),
                let tagEnd = html.byteOffset(of: ">", from: afterLevel), tagEnd < close
            else { continue }
            var end = close + 5
            if end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 }
            found.append((level, stripTags(String(decoding: bytes[(tagEnd + 1)..<close], as: UTF8.self)), open..<end))
            searchStart = end
        }
        return found
    }

    /// Whether trimming white space and line ends (as Foundation's `.whitespacesAndNewlines`
    /// does) leaves nothing. Any ASCII byte other than white space settles it; text of
    /// other characters alone goes to Foundation.
    private static func isBlank(_ text: String) -> Bool {
        var hasOther = false
        for byte in text.utf8 {
            switch byte {
            case 0x09...0x0D, 0x20: continue
            case ..<0x80: return false
            default: hasOther = true
            }
        }
        return !hasOther || text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Drops the first heading when it is the very first element and its text contains
    /// `word` (a narrative's own "Executive summary" heading under the pack's heading).
    static func dropLeadingHeading(_ html: String, containing word: String) -> String {
        let trimmed = html.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("<h") else { return html }
        let text = String(trimmed)
        let bytes = Array(text.utf8)
        guard let first = headingRanges(text, bytes).first, first.range.lowerBound == 0, first.text.lowercased().contains(word)
        else { return html }
        return String(decoding: bytes[first.range.upperBound...], as: UTF8.self)
    }

    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out
    }

    /// Replaces `{{kpi:id}}` with `render(id)`, found by bytes (the markers are ASCII).
    static func replaceCitations(_ html: String, _ render: (String) -> String) -> String {
        guard var start = html.byteOffset(of: KPICitation.opening) else { return html }
        let bytes = Array(html.utf8)
        let openingCount = KPICitation.opening.utf8.count
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        while true {
            guard let end = html.byteOffset(of: "}}", from: start + openingCount) else { break }
            out += bytes[cursor..<start]
            let id = String(decoding: bytes[(start + openingCount)..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            out += render(id).utf8
            cursor = end + 2
            guard let next = html.byteOffset(of: KPICitation.opening, from: cursor) else { break }
            start = next
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Removes links whose target is relative (they only work inside the portal), keeping
    /// their text. Links with a scheme (`https:`, `mailto:`) and in-page anchors stay.
    static func unlinkRelative(_ html: String) -> String {
        guard html.contains("<a ") else { return html }
        var out = ""
        var rest = html[...]
        var dropping = 0
        while let open = rest.range(of: "<a") {
            if dropping > 0, let close = rest.range(of: "</a>"), close.lowerBound < open.lowerBound {
                out += rest[..<close.lowerBound]
                rest = rest[close.upperBound...]
                dropping -= 1
                continue
            }
            guard let tagEnd = rest[open.upperBound...].range(of: ">") else { break }
            let tag = rest[open.lowerBound..<tagEnd.upperBound]
            out += rest[..<open.lowerBound]
            let isAnchor = tag.hasPrefix("<a ") || tag.hasPrefix("<a>")
            if isAnchor, let href = attribute("href", in: tag), isRelative(href) {
                dropping += 1
            } else {
                out += tag
            }
            rest = rest[tagEnd.upperBound...]
        }
        while dropping > 0, let close = rest.range(of: "</a>") {
            out += rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            dropping -= 1
        }
        return out + rest
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }

    private static func isRelative(_ href: String) -> Bool {
        if href.hasPrefix("#") { return false }
        if let colon = href.firstIndex(of: ":"), !href[..<colon].contains("/") { return false }
        return true
    }
}

/// HTML escaping of `<`, `>`, `&`, `"` and `'` (the characters swift-mustache's HTML
/// content type escapes), byte by byte: the one escaper of pages, charts and templates.
enum HTMLEscaper {
    /// `text` escaped; the text itself when nothing in it needs escaping.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text`'s UTF-8 bytes as they are.
    static func appendRaw<Sink: ByteSink>(_ text: String, to out: inout Sink) {
        withUTF8(text) { out.append(bytes: $0) }
    }

    /// `text`'s UTF-8 bytes, read in place: a native string's without the copy of the string
    /// (a reference count up and down) that `withUTF8`, a mutating method, needs first.
    @inline(__always)
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = text
            copy.withUTF8(body)
        }
    }

    /// Appends `text` escaped.
    static func append<Sink: ByteSink>(_ text: String, to out: inout Sink) {
        withUTF8(text) { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time past text with nothing to escape: `<` and `>` are
                // the bytes that give 0x3E with bit 1 set, `&` and `'` those that give 0x27
                // with bit 0 set.
                if bytes.count &- index >= 8 {
                    let chunk = ByteChunks.load(base, index)
                    let marked = ByteChunks.equal(chunk | ByteChunks.ones &* 0x02, 0x3E)
                        | ByteChunks.equal(chunk | ByteChunks.ones, 0x27) | ByteChunks.equal(chunk, 0x22)
                    if marked == 0 {
                        index &+= 8
                        continue
                    }
                }
                let replacement: StaticString
                switch base[index] {
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default:
                    index &+= 1
                    continue
                }
                out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(bytes: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index &+= 1
                runStart = index
            }
            out.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }
}
