import Foundation

/// Finds markup that a browser (or a feed reader) would run in Rapport's output: script,
/// frame and object elements the templates do not write themselves, event-handler
/// attributes, and URLs with the `javascript:`, `vbscript:`, `data:` or `file:` scheme,
/// read as a browser reads them (entities decoded, white space and control characters
/// dropped). Rapport's pages come from cmark-gfm and Mustache, which always escape `<` in
/// text, so every `<` opens a tag, a comment or the doctype.
enum LiveMarkup {
    /// Elements that run code or load another document. (A `<form>` is the templates'
    /// search box; its `action` is checked like any URL.)
    static let forbidden: Set<String> = ["script", "iframe", "frame", "object", "embed", "applet", "base", "math"]
    /// Attributes that hold a URL.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data"]

    /// One line per live construct found in `html`.
    static func problems(in html: String) -> [String] {
        var found: [String] = []
        let bytes = Array(html.utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let (tag, end) = readTag(bytes, from: open) else {
                index = open + 1
                continue
            }
            index = end
            if tag.name.hasPrefix("!") || tag.name.hasPrefix("/") { continue }
            // The search page loads its two scripts by relative URL, with no inline code.
            let isTemplateScript = tag.name == "script" && tag.attributes.count == 1
                && tag.attributes.first?.name == "src" && tag.attributes.first?.value.hasSuffix(".js") == true
                && html.utf8.dropFirst(end).starts(with: "</script>".utf8)
            if forbidden.contains(tag.name) && !isTemplateScript { found.append("<\(tag.name)> element") }
            if tag.name == "meta", tag.attributes.contains(where: { $0.name == "http-equiv" }) { found.append("<meta http-equiv>") }
            for attribute in tag.attributes {
                if attribute.name.hasPrefix("on") { found.append("\(attribute.name)= on <\(tag.name)>") }
                if attribute.name == "style", isDangerous(attribute.value, allowImages: false) || attribute.value.lowercased().contains("url(") {
                    found.append("style with a URL on <\(tag.name)>")
                }
                guard urlAttributes.contains(attribute.name) else { continue }
                if isDangerous(attribute.value, allowImages: tag.name == "img" && attribute.name == "src") {
                    found.append("\(attribute.name)=\"\(attribute.value)\" on <\(tag.name)>")
                }
            }
        }
        return found
    }

    /// True for a URL with a scheme that runs code or reads local files, as a browser
    /// would see it. `data:` images of the kinds cmark-gfm allows pass when `allowImages`.
    static func isDangerous(_ value: String, allowImages: Bool) -> Bool {
        let url = String(decodingEntities(value).unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        if allowImages, ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: url.hasPrefix) {
            return false
        }
        return ["javascript:", "vbscript:", "data:", "file:"].contains(where: url.hasPrefix)
    }

    /// `&lt;`, `&#106;`, `&#x6A;` and friends as characters.
    static func decodingEntities(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named: [Substring: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"]
            var scalar: Unicode.Scalar? = nil
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if name.hasPrefix("#") {
                scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
            }
            if let scalar {
                out.unicodeScalars.append(scalar)
            } else if let character = named[name] {
                out += character
            } else {
                out += rest[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    /// Reads the tag opening at `start`; returns it and the index after its `>`. Comments
    /// and the doctype come back as a tag named `!`.
    static func readTag(_ bytes: [UInt8], from start: Int) -> (Tag, Int)? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
        func find(_ needle: String, from position: Int) -> Int? {
            let pin = Array(needle.utf8)
            var at = position
            while at + pin.count <= bytes.count {
                if bytes[at..<(at + pin.count)].elementsEqual(pin) { return at + pin.count }
                at += 1
            }
            return nil
        }
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "!") {
            let isComment = bytes[index...].starts(with: "!--".utf8)
            guard let end = find(isComment ? "-->" : ">", from: index) else { return nil }
            return (Tag(name: "!", attributes: []), end)
        }
        var name: [UInt8] = []
        if bytes[index] == UInt8(ascii: "/") {
            name.append(bytes[index])
            index += 1
        }
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
            name.append(bytes[index])
            index += 1
        }
        guard !name.isEmpty, name != [UInt8(ascii: "/")] else { return nil }
        var tag = Tag(name: String(decoding: name, as: UTF8.self).lowercased(), attributes: [])
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ">") { return (tag, index + 1) }
            var attribute: [UInt8] = []
            while index < bytes.count, !isSpace(bytes[index]), ![UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[index]) {
                attribute.append(bytes[index])
                index += 1
            }
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    index += 1
                    while index < bytes.count, bytes[index] != quote {
                        value.append(bytes[index])
                        index += 1
                    }
                    index += 1
                } else {
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") {
                        value.append(bytes[index])
                        index += 1
                    }
                }
            }
            tag.attributes.append((String(decoding: attribute, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
        }
        return nil
    }
}
