/// A Mustache template compiled for Rapport's renderer (`CompiledLibrary`).
///
/// swift-mustache stays the reference: its errors are the ones users see, and it renders
/// any theme this compiler declines. This compiler declines every template swift-mustache
/// rejects (a randomised test holds it to that), so a theme it takes whole is never parsed
/// by swift-mustache, whose parser is slow (`TemplateSet.load`). This compiler follows
/// swift-mustache's parser rule for rule (standalone lines, partial indentation, blocks and
/// parents), so that both give the same bytes; the differential tests hold them to it. It
/// covers what a theme writes in Rapport: variables, `{{{ }}}`/`{{& }}`, sections, inverted
/// sections, comments, partials, parents (`{{<base}}`) and blocks (`{{$name}}`), dotted
/// names and the HTML content type. It declines set delimiters, transforms (`{{x(y)}}`),
/// dynamic partials (`{{>*x}}`) and other content types.
final class CompiledTemplate: Sendable {
    let tokens: [Token]

    init(tokens: [Token]) { self.tokens = tokens }

    enum Token: Sendable {
        /// Text, as UTF-8 bytes.
        case text([UInt8])
        /// `{{name}}` (escaped) or `{{{name}}}` (raw).
        case variable(NamePath, escaped: Bool)
        case section(NamePath, CompiledTemplate)
        case invertedSection(NamePath, CompiledTemplate)
        /// `{{$name}}default{{/name}}` outside a parent: the parent's override, or the default.
        case block(String, default: CompiledTemplate, indentation: [UInt8]?)
        /// Only inside a parent's section, collected into the parent's overrides.
        case blockDefinition(String, CompiledTemplate)
        /// `{{> name}}`, or `{{<name}}` with block overrides.
        case partial(String, indentation: [UInt8]?, overrides: [String: CompiledTemplate]?)
    }

    /// A variable or section name: `.` for the current object, or its dot-separated parts.
    struct NamePath: Sendable {
        let parts: [String]
        let isCurrent: Bool
        /// `.name`: looked up in the current object only.
        let isAnchored: Bool

        init(_ name: String) {
            isCurrent = name == "."
            isAnchored = !isCurrent && name.first == "."
            parts = name.split(separator: ".").map(String.init)
        }
    }

    /// Why a template cannot be compiled; the theme is then rendered by swift-mustache.
    struct Declined: Error, Equatable {
        let reason: String
    }

    /// Compiles template text, or declines it.
    static func compile(_ text: String) throws(Declined) -> CompiledTemplate {
        var cursor = Cursor(Array(text))
        return try parse(&cursor, state: ParseState())
    }

    // MARK: - Parsing (swift-mustache's rules)

    private struct Cursor {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { position == characters.count }
        /// The current character, or NUL at the end (as swift-mustache's parser returns).
        var current: Character { atEnd ? "\0" : characters[position] }

        mutating func advance() { position += 1 }

        @discardableResult
        mutating func skip(while predicate: (Character) -> Bool) -> [Character] {
            let start = position
            while !atEnd, predicate(characters[position]) { position += 1 }
            return Array(characters[start..<position])
        }

        /// Reads `literal` when the text continues with it.
        mutating func read(_ literal: String) -> Bool {
            // Character by character, as comparing arrays of them would (without making
            // two arrays at every `{` of a template).
            var index = position
            for character in literal {
                guard index < characters.count, characters[index] == character else { return false }
                index += 1
            }
            position = index
            return true
        }
    }

    private struct ParseState {
        var sectionName: String? = nil
        var newLine = true
        var inPartialDefinition = false
        var partialDefinitionTopLevel = false
        var partialDefinitionIndent: Int? = nil

        func withSection(_ name: String, newLine: Bool) -> ParseState {
            var state = self
            state.sectionName = name
            state.partialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withParent(_ name: String) -> ParseState {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.inPartialDefinition = true
            state.partialDefinitionTopLevel = true
            return state
        }
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private static func bytes(_ characters: [Character]) -> [UInt8] { Array(String(characters).utf8) }

    private static func parse(_ cursor: inout Cursor, state initial: ParseState) throws(Declined) -> CompiledTemplate {
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                tokens.append(.text(bytes(whiteSpaceBefore)))
                whiteSpaceBefore = []
            }
        }
        while !cursor.atEnd {
            if state.newLine {
                let whiteSpace = cursor.skip { $0 == " " || $0 == "\t" }
                if state.inPartialDefinition, !state.partialDefinitionTopLevel {
                    // Lines of a block inside a parent lose the block's first-line indent.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilTagOrNewline(&cursor)
            if cursor.current.isNewline {
                tokens.append(.text(bytes(whiteSpaceBefore + text + [cursor.current])))
                state.newLine = true
                cursor.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(bytes(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if cursor.atEnd { break }
            var setNewLine = false
            switch cursor.current {
            case "#", "^":
                let inverted = cursor.current == "^"
                cursor.advance()
                let name = try parseName(&cursor)
                if isStandalone(&cursor, state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let body = try parse(&cursor, state: state.withSection(name, newLine: setNewLine))
                tokens.append(inverted ? .invertedSection(NamePath(name), body) : .section(NamePath(name), body))
            case "/":
                cursor.advance()
                let name = try parseName(&cursor)
                guard name == state.sectionName else { throw Declined(reason: "a section closes with another name") }
                if !isStandalone(&cursor, state) { flushWhiteSpace() }
                return CompiledTemplate(tokens: tokens)
            case "!":
                cursor.advance()
                try skipComment(&cursor)
                setNewLine = isStandalone(&cursor, state)
            case "{", "&":
                let triple = cursor.current == "{"
                flushWhiteSpace()
                cursor.advance()
                let name = try parseName(&cursor)
                if triple, !cursor.read("}") { throw Declined(reason: "an unfinished {{{ tag") }
                tokens.append(.variable(NamePath(name), escaped: false))
            case ">":
                cursor.advance()
                cursor.skip { $0.isWhitespace }
                if cursor.current == "*" { throw Declined(reason: "dynamic partials") }
                let name = try parsePartialName(&cursor)
                let indentation = whiteSpaceBefore
                flushWhiteSpace()
                if isStandalone(&cursor, state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: bytes(indentation), overrides: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, overrides: nil))
                }
            case "<":
                cursor.advance()
                cursor.skip { $0.isWhitespace }
                let name = try parsePartialName(&cursor)
                if name.first == "*" { throw Declined(reason: "dynamic parents") }
                let indentation = whiteSpaceBefore
                flushWhiteSpace()
                if isStandalone(&cursor, state) { setNewLine = true }
                let body = try parse(&cursor, state: state.withParent(name))
                var overrides: [String: CompiledTemplate] = [:]
                for token in body.tokens {
                    switch token {
                    case .blockDefinition(let block, let template): overrides[block] = template
                    case .text: break
                    default: throw Declined(reason: "a tag other than a block inside a parent")
                    }
                }
                tokens.append(.partial(name, indentation: bytes(indentation), overrides: overrides))
            case "$":
                cursor.advance()
                let name = try parseName(&cursor)
                if state.partialDefinitionTopLevel {
                    setNewLine = isStandalone(&cursor, state)
                    let body = try parse(&cursor, state: state.withSection(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, body))
                } else {
                    let indentation = whiteSpaceBefore
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(bytes(whiteSpaceBefore))) }
                    if isStandalone(&cursor, state) { setNewLine = true }
                    let body = try parse(&cursor, state: state.withSection(name, newLine: setNewLine))
                    tokens.append(.block(name, default: body, indentation: bytes(indentation)))
                    whiteSpaceBefore = []
                }
            case "%":
                cursor.advance()
                try readContentType(&cursor)
                setNewLine = isStandalone(&cursor, state)
            case "=":
                throw Declined(reason: "set delimiters")
            default:
                flushWhiteSpace()
                let name = try parseName(&cursor)
                tokens.append(.variable(NamePath(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Declined(reason: "a section is not closed") }
        return CompiledTemplate(tokens: tokens)
    }

    /// Text up to a `{{` (consumed) or a line end (not consumed).
    private static func readUntilTagOrNewline(_ cursor: inout Cursor) throws(Declined) -> [Character] {
        var text: [Character] = []
        while !cursor.atEnd {
            let character = cursor.current
            if character == "\n" || character == "\r\n" { break }
            if character == "{" {
                if cursor.read("{{") { break }
                // swift-mustache reads two characters here and fails when one is left.
                if cursor.position + 1 == cursor.characters.count { throw Declined(reason: "a { that ends the template") }
                text.append("{")
                cursor.advance()
                continue
            }
            text.append(character)
            cursor.advance()
        }
        return text
    }

    /// A variable, section or block name and the tag's closing `}}`.
    private static func parseName(_ cursor: inout Cursor) throws(Declined) -> String {
        let name = try readName(&cursor, allowed: nameCharacters)
        if name.contains("(") || name.contains(")") { throw Declined(reason: "transforms") }
        return name
    }

    /// A partial or parent name (it may hold `/`) and the tag's closing `}}`.
    private static func parsePartialName(_ cursor: inout Cursor) throws(Declined) -> String {
        try readName(&cursor, allowed: partialNameCharacters)
    }

    private static func readName(_ cursor: inout Cursor, allowed: Set<Character>) throws(Declined) -> String {
        cursor.skip { $0.isWhitespace }
        let name = String(cursor.skip { allowed.contains($0) })
        cursor.skip { $0.isWhitespace }
        guard cursor.read("}}") else { throw Declined(reason: "an unfinished tag") }
        return name
    }

    private static func skipComment(_ cursor: inout Cursor) throws(Declined) {
        while !cursor.atEnd {
            if cursor.read("}}") { return }
            cursor.advance()
        }
        throw Declined(reason: "an unfinished comment")
    }

    /// `{{%CONTENT_TYPE:HTML}}` (or Rapport's faster HTML escaper): the only content type
    /// this renderer knows, and the one it always uses.
    private static func readContentType(_ cursor: inout Cursor) throws(Declined) {
        cursor.skip { $0.isWhitespace }
        guard cursor.read("CONTENT_TYPE") else { throw Declined(reason: "a configuration tag") }
        cursor.skip { $0.isWhitespace }
        guard cursor.read(":") else { throw Declined(reason: "a configuration tag") }
        cursor.skip { $0.isWhitespace }
        let value = String(cursor.skip { nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
        cursor.skip { $0.isWhitespace }
        guard cursor.read("}}"), value == "HTML" || value == FastHTMLContentType.name else {
            throw Declined(reason: "a content type other than HTML")
        }
    }

    /// A tag alone on its line (from the line's start) removes the rest of its line.
    private static func isStandalone(_ cursor: inout Cursor, _ state: ParseState) -> Bool {
        guard state.newLine else { return false }
        if cursor.atEnd { return true }
        var probe = cursor
        probe.skip { $0 == " " || $0 == "\t" }
        guard probe.current.isNewline, !probe.atEnd else { return false }
        probe.advance()
        cursor.position = probe.position
        return true
    }
}
