import CMarkGFM
import Foundation

/// A GFM task item found in a document: `- [ ] text`.
public struct TaskItem: Equatable, Sendable {
    /// 1-based line of the item's list marker, counted in the Markdown text.
    public let line: Int
    /// 1-based column of the item's list marker.
    public let column: Int
    /// True when the item's own marker is `[x]` or `[X]`.
    public let isChecked: Bool
    /// The plain text of the item's first paragraph, inline markup removed.
    public let text: String

    public init(line: Int, column: Int, isChecked: Bool, text: String) {
        self.line = line
        self.column = column
        self.isChecked = isChecked
        self.text = text
    }
}

/// One list item of a "Decisions" section.
public struct DecisionItem: Equatable, Sendable {
    public let line: Int
    public let text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// A link or image destination found in a document.
public struct LinkReference: Equatable, Sendable {
    public let destination: String
    public let line: Int
    public let column: Int
    public let isImage: Bool
}

/// What to do with one link when rewriting a document's links.
public enum LinkRewrite: Sendable {
    case keep
    case replace(String)
    /// Drop the link and keep its label as plain text.
    case unlink
}

extension MarkdownDocument {
    /// Every task item at any list depth, in document order, except those inside block
    /// quotes. Checked state comes from the item's own `[ ]`/`[x]` marker in the source,
    /// not from cmark-gfm's report, which also counts an `[x]` later in the item's text.
    ///
    /// With `correctingCheckboxes`, the same walk also makes every rendered checkbox, in
    /// block quotes too, follow its item's own marker, so a render needs no second walk.
    public func taskItems(correctingCheckboxes: Bool = false) -> [TaskItem] {
        var items: [TaskItem] = []
        for node in scannedTasks() {
            let checked = ownMarkerIsChecked(line: node.startLine, column: node.startColumn)
            if correctingCheckboxes { cmark_gfm_extensions_set_tasklist_item_checked(node.pointer, checked) }
            guard !node.isInBlockQuote else { continue }
            let text = node.firstChild(ofType: CMARK_NODE_PARAGRAPH)?.plainTextBytes() ?? []
            items.append(
                TaskItem(
                    line: node.startLine, column: node.startColumn, isChecked: checked,
                    text: collapseWhitespace(text)))
        }
        return items
    }

    /// The items of the "Decisions" sections: a heading of the document itself (not in a
    /// block quote or list) whose text is "Decisions" in any case opens a section that runs
    /// to the next heading of the same or a higher level. Each item of a list standing
    /// directly in the section is one decision; nested items are part of their parent.
    public func decisionItems() -> [DecisionItem] {
        var decisions: [DecisionItem] = []
        var openLevel: Int? = nil
        for block in Node(root).children {
            if block.type == CMARK_NODE_HEADING {
                let level = block.headingLevel
                if let open = openLevel, level <= open { openLevel = nil }
                // A "Decisions" heading inside an open section does not end that section
                // early: the outer one runs to the next heading of its own level or higher.
                if openLevel == nil, isDecisionsTitle(collapseWhitespace(block.plainTextBytes())) { openLevel = level }
                continue
            }
            guard openLevel != nil, block.type == CMARK_NODE_LIST else { continue }
            for item in block.children where item.type == CMARK_NODE_ITEM {
                let text = collapseWhitespace(item.firstChild(ofType: CMARK_NODE_PARAGRAPH)?.plainTextBytes() ?? [])
                if !text.isEmpty { decisions.append(DecisionItem(line: item.startLine, text: text)) }
            }
        }
        return decisions
    }

    /// Every link and image destination in document order.
    public func links() -> [LinkReference] {
        var found: [LinkReference] = []
        var locator = DestinationLocator(source: source)
        for node in scannedLinks() {
            guard let url = node.url else { continue }
            let (line, column) = position(of: url, in: node, locator: &locator)
            found.append(
                LinkReference(
                    destination: url, line: line, column: column,
                    isImage: node.type == CMARK_NODE_IMAGE))
        }
        return found
    }

    /// Rewrites link destinations (not images) in place; `decide` sees each destination
    /// once, in document order.
    public func rewriteLinks(_ decide: (String) -> LinkRewrite) {
        let targets = scannedLinks().filter { $0.type == CMARK_NODE_LINK }
        // Unlinked nodes are freed below: the next reader walks the tree again.
        scanned?.links = nil
        for node in targets {
            switch decide(node.url ?? "") {
            case .keep:
                break
            case .replace(let url):
                _ = url.withCString { cmark_node_set_url(node.pointer, $0) }
            case .unlink:
                for child in node.children {
                    cmark_node_unlink(child.pointer)
                    cmark_node_insert_before(node.pointer, child.pointer)
                }
                cmark_node_unlink(node.pointer)
                cmark_node_free(node.pointer)
            }
        }
    }

    // MARK: - Helpers

    /// The links and images, in document order (see `scanned`).
    func scannedLinks() -> [Node] {
        if let links = scanned?.links { return links }
        return scan().links
    }

    /// The task items, in document order (see `scanned`).
    func scannedTasks() -> [Node] {
        if let scanned { return scanned.tasks }
        return scan().tasks
    }

    /// One walk for both lists.
    private func scan() -> (links: [Node], tasks: [Node]) {
        var links: [Node] = []
        var tasks: [Node] = []
        walk { node in
            let type = node.type
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                links.append(node)
            } else if node.isTaskItem {
                tasks.append(node)
            }
        }
        scanned = (links, tasks)
        return (links, tasks)
    }

    /// Visits every node in document order (pre-order).
    func walk(_ visit: (Node) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                visit(Node(node))
            }
        }
    }

    /// Reads the item's own task marker from the source: after the list marker
    /// (`-`, `*`, `+`, `1.` or `1)`) and its spaces comes `[ ]`, `[x]` or `[X]`.
    func ownMarkerIsChecked(line: Int, column: Int) -> Bool {
        guard let range = source.line(line) else { return false }
        let bytes = source.bytes[range]
        var index = range.lowerBound + max(0, column - 1)
        guard index < bytes.endIndex else { return false }
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "*")
            || bytes[index] == UInt8(ascii: "+")
        {
            index += 1
        } else {
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") {
                index += 1
            }
        }
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index + 2 < bytes.endIndex, bytes[index] == UInt8(ascii: "["), bytes[index + 2] == UInt8(ascii: "]")
        else { return false }
        return bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X")
    }

    /// Where a destination is written: cmark-gfm keeps no positions for inlines, so look
    /// for the text from the enclosing block's first line on (see `DestinationLocator`).
    private func position(of destination: String, in node: Node, locator: inout DestinationLocator) -> (Int, Int) {
        var block = node
        while block.type.rawValue & 0xC000 != 0x8000, let parent = block.parent { block = parent }
        return locator.locate(destination, startLine: block.startLine, startColumn: block.startColumn, endLine: block.endLine)
    }
}

/// True when a heading's folded text is "Decisions" in any case, as
/// `title.lowercased() == "decisions"` tells. ASCII text lower-cases byte by byte, so it is
/// compared without making the lower-cased copy; any other text is lower-cased.
func isDecisionsTitle(_ title: String) -> Bool {
    let word = "decisions".utf8
    guard title.utf8.allSatisfy({ $0 < 0x80 }) else { return title.lowercased() == "decisions" }
    // `| 0x20` lower-cases an ASCII letter and maps no other byte onto a lower-case letter.
    return title.utf8.count == word.count && zip(title.utf8, word).allSatisfy { $0 | 0x20 == $1 }
}

/// Folds runs of white space (spaces, tabs, line feeds) in UTF-8 text into one space and
/// trims the ends.
///
/// A space is a separator only where it is a `Character` of its own: `" \u{301}"` is one
/// character, an accented space. In ASCII text without CR (CR LF is one character too),
/// every byte is a character, so most text is folded byte by byte, in one pass, without
/// grapheme breaking; at the first other byte the text is split by `Character` instead.
func collapseWhitespace(_ text: [UInt8]) -> String {
    var folded: [UInt8] = []
    folded.reserveCapacity(text.count)
    var pendingSpace = false
    for byte in text {
        if byte >= 0x80 || byte == 0x0D {
            return String(decoding: text, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        }
        if byte == 0x20 || byte == 0x09 || byte == 0x0A {
            pendingSpace = !folded.isEmpty
        } else {
            if pendingSpace { folded.append(0x20) }
            pendingSpace = false
            folded.append(byte)
        }
    }
    return String(decoding: folded, as: UTF8.self)
}
