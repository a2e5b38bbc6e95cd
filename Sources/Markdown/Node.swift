import CMarkGFM

/// A thin, non-owning view of one cmark-gfm node.
struct Node {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var typeString: String { String(cString: cmark_node_get_type_string(pointer)) }
    var parent: Node? { cmark_node_parent(pointer).map(Node.init) }
    var firstChild: Node? { cmark_node_first_child(pointer).map(Node.init) }
    var next: Node? { cmark_node_next(pointer).map(Node.init) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
    var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    var children: [Node] {
        var out: [Node] = []
        var child = firstChild
        while let node = child {
            out.append(node)
            child = node.next
        }
        return out
    }

    var isTaskItem: Bool { type == CMARK_NODE_ITEM && typeString == "tasklist" }

    /// True when the node sits inside a block quote.
    var isInBlockQuote: Bool {
        var ancestor = parent
        while let node = ancestor {
            if node.type == CMARK_NODE_BLOCK_QUOTE { return true }
            ancestor = node.parent
        }
        return false
    }

    /// The text of the node with inline markup removed. Soft and hard breaks become a
    /// space; raw HTML is dropped. With `includingBlocks`, the text of nested blocks is
    /// joined with spaces.
    ///
    /// Walks the subtree with cmark's iterator, not by recursion: a note may nest lists or
    /// block quotes thousands deep (`- - - - … x`), which overflowed the stack of the worker
    /// thread parsing it.
    func plainText(includingBlocks: Bool = false) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(pointer) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            // Containers are handled when entered; leaves are only ever entered.
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let node = Node(current)
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                out += node.literal ?? ""
            case CMARK_NODE_CODE_BLOCK:
                if includingBlocks { separate(&out); out += node.literal ?? "" }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                break
            default:
                let isBlock = node.type.rawValue & 0xC000 == 0x8000
                if isBlock && node.type != CMARK_NODE_DOCUMENT { separate(&out) }
            }
        }
        return out
    }

    private func separate(_ out: inout String) {
        if let last = out.last, last != " " { out += " " }
    }
}
