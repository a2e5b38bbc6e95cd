import CMarkGFM
import Foundation
import Synchronization

/// The cmark-gfm inline parser keeps a process-wide table of special characters that every
/// parser changes inside `cmark_parser_finish` (github/cmark-gfm#221), so concurrent parses
/// corrupt each other's output. Every parse in the process goes through this lock.
private let parseLock = Mutex(())

/// The GFM extensions Rapport turns on, in the order they are attached.
private let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

/// A parsed Markdown body: one cmark-gfm syntax tree with the GFM extensions Rapport uses.
///
/// A document is not shared between threads; parse one per task. Rendering and walking the
/// tree are safe to run concurrently on different documents: only parsing takes the lock.
public final class MarkdownDocument {
    let root: OpaquePointer
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    private let parser: OpaquePointer
    /// The source by line, for reading task markers and link destinations back.
    let source: SourceText

    /// Parses `text` as GitHub-flavoured Markdown (tables, strikethrough, autolinks,
    /// tag filter and task lists), keeping source positions for diagnostics.
    public init(_ text: String) {
        source = SourceText(text)
        var parsed: (OpaquePointer, OpaquePointer)!
        parseLock.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            var copy = text
            copy.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            parsed = (parser, cmark_parser_finish(parser))
        }
        parser = parsed.0
        root = parsed.1
        extensions = cmark_parser_get_syntax_extensions(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document as HTML in safe mode: raw HTML is replaced by a comment and unsafe
    /// link schemes (`javascript:`, `vbscript:`, `file:`, `data:`) are emptied. Table
    /// columns are aligned with `style`, not the `align` attribute HTML5 made obsolete.
    public func html() -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        guard let raw = cmark_render_html(root, options, extensions) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// The plain text of the whole document, block by block, for search and excerpts.
    /// Built in one byte buffer: each block's text is written after a separating space,
    /// which is taken back when the block has no text.
    public func plainText() -> String {
        var out: [UInt8] = []
        var node = cmark_node_first_child(root)
        while let block = node {
            let mark = out.count
            if !out.isEmpty { out.append(0x20) }
            let start = out.count
            Node(block).appendPlainText(includingBlocks: true, to: &out)
            if out.count == start { out.removeSubrange(mark...) }
            node = cmark_node_next(block)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
