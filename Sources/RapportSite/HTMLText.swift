import Foundation
import RapportCore

/// Small, careful edits of HTML that Rapport itself produced (cmark-gfm output and pages).
enum HTMLText {
    /// Splits a rendered narrative at its "priorities" section: the first `<h1>`–`<h3>`
    /// whose text mentions priorities or the next quarter, up to the next heading of the
    /// same or a higher level. Returns the rest and the section's content (without its
    /// heading), or nil for the section when there is none.
    static func splitPriorities(_ html: String) -> (summary: String, priorities: String?) {
        let headings = headingRanges(html)
        guard let index = headings.firstIndex(where: { heading in
            let text = heading.text.lowercased()
            return heading.level <= 3 && (text.contains("priorit") || text.contains("next quarter"))
        }) else { return (html, nil) }
        let opening = headings[index]
        let closing = headings[(index + 1)...].first { $0.level <= opening.level }
        let sectionEnd = closing?.range.lowerBound ?? html.endIndex
        let summary = String(html[..<opening.range.lowerBound]) + String(html[sectionEnd...])
        let content = String(html[opening.range.upperBound..<sectionEnd])
        return (summary, content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : content)
    }

    /// Top-level headings in cmark-gfm output: `<hN>text</hN>` at the start of a line.
    private static func headingRanges(_ html: String) -> [(level: Int, text: String, range: Range<String.Index>)] {
        var found: [(Int, String, Range<String.Index>)] = []
        var searchStart = html.startIndex
        while let open = html.range(of: "<h", range: searchStart..<html.endIndex) {
            searchStart = open.upperBound
            let atLineStart = open.lowerBound == html.startIndex || html[html.index(before: open.lowerBound)] == "\n"
            guard atLineStart, let levelCharacter = html[open.upperBound...].first,
                let level = levelCharacter.wholeNumberValue, (1...6).contains(level)
            else { continue }
            let afterLevel = html.index(after: open.upperBound)
            guard afterLevel < html.endIndex, html[afterLevel] == ">" || html[afterLevel] == " " else { continue }
            let closeTag = "</h\(level)>"
            guard let close = html.range(of: closeTag, range: afterLevel..<html.endIndex),
                let tagEnd = html.range(of: ">", range: afterLevel..<close.lowerBound)
            else { continue }
            var end = close.upperBound
            if end < html.endIndex, html[end] == "\n" { end = html.index(after: end) }
            found.append((level, stripTags(String(html[tagEnd.upperBound..<close.lowerBound])), open.lowerBound..<end))
            searchStart = end
        }
        return found
    }

    /// Drops the first heading when it is the very first element and its text contains
    /// `word` (a narrative's own "Executive summary" heading under the pack's heading).
    static func dropLeadingHeading(_ html: String, containing word: String) -> String {
        let trimmed = html.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("<h"), let first = headingRanges(String(trimmed)).first,
            first.range.lowerBound == String(trimmed).startIndex, first.text.lowercased().contains(word)
        else { return html }
        let text = String(trimmed)
        return String(text[first.range.upperBound...])
    }

    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out
    }

    /// Replaces `{{kpi:id}}` with `render(id)`.
    static func replaceCitations(_ html: String, _ render: (String) -> String) -> String {
        guard html.contains(KPICitation.opening) else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: KPICitation.opening) {
            guard let end = rest[start.upperBound...].range(of: "}}") else { break }
            out += rest[..<start.lowerBound]
            let id = String(rest[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespaces)
            out += render(id)
            rest = rest[end.upperBound...]
        }
        return out + rest
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
    static func appendRaw(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `text` escaped.
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
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
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index &+= 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }
}
