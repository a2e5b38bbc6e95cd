import RapportCore
import Synchronization

/// Pieces of the data files made from one note each (its search entry, its calendar event,
/// a meeting's actions and decisions, a feed entry, a review pack's search entry), kept by
/// a build session between rebuilds. The session forgets a note's pieces when the note
/// changes, and all of them when the configuration or the theme does. A full build keeps
/// none (see `Optional.pieces`).
final class FragmentCache: Sendable {
    /// The kinds of piece kept, one table each. One file asks for a kind at a time.
    enum Piece: Int, CaseIterable, Sendable {
        case searchEntry, reviewSearchEntry, calendarEvent, actions, decisions, feedEntry
    }

    /// The pieces of one kind, in the order last asked for.
    private struct Table {
        var refs: [NoteRef] = []
        var pieces: [String] = []
        /// False where the note changed since its piece was made.
        var current: [Bool] = []
    }

    private let tables = Mutex([Table](repeating: Table(), count: Piece.allCases.count))

    /// The last sitemap and what it was made from.
    private struct SitemapInputs: Equatable {
        let routes: [String]
        let lastChanged: [String: Day]
        let baseURL: String
    }
    private let sitemap = Mutex<(inputs: SitemapInputs, text: String)?>(nil)

    /// The `piece` of each of `refs`, in their order; those not kept are made by `make`
    /// (given the index in `refs`). A file asks for thousands at once, mostly in the order of
    /// the last time: each is looked for where the last one found was followed, which is a
    /// comparison of two ids, and by hashing only when notes were added, removed or moved.
    /// The table then holds exactly these pieces (those of notes no longer asked for go).
    func pieces(_ piece: Piece, of refs: [NoteRef], make: (Int) -> String) -> [String] {
        let old = tables.withLock { $0[piece.rawValue] }
        var positions: [NoteRef: Int]? = nil
        var pieces: [String] = []
        pieces.reserveCapacity(refs.count)
        var next = 0
        for (index, ref) in refs.enumerated() {
            var position: Int? = nil
            if next < old.refs.count && old.refs[next] == ref {
                position = next
            } else {
                if positions == nil {
                    positions = Dictionary(old.refs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                }
                position = positions![ref]
            }
            if let position { next = position + 1 }
            if let position, old.current[position] {
                pieces.append(old.pieces[position])
            } else {
                pieces.append(make(index))
            }
        }
        let table = Table(refs: refs, pieces: pieces, current: [Bool](repeating: true, count: refs.count))
        tables.withLock { $0[piece.rawValue] = table }
        return pieces
    }

    /// The sitemap of these pages, made by `make` unless the last one had the same inputs:
    /// comparing the routes costs less than sorting them, and most edits change none.
    func sitemap(routes: [String], lastChanged: [String: Day], baseURL: String, make: () -> String) -> String {
        let inputs = SitemapInputs(routes: routes, lastChanged: lastChanged, baseURL: baseURL)
        if let last = sitemap.withLock({ $0 }), last.inputs == inputs { return last.text }
        let text = make()
        sitemap.withLock { $0 = (inputs, text) }
        return text
    }

    /// Forgets the pieces of these notes.
    func forget(_ refs: Set<NoteRef>) {
        guard !refs.isEmpty else { return }
        // An edit changes a note or a few: comparing with each is cheaper than hashing every id.
        let few = refs.count <= 16 ? Array(refs) : nil
        tables.withLock { tables in
            for table in tables.indices {
                for (index, ref) in tables[table].refs.enumerated() where few?.contains(ref) ?? refs.contains(ref) {
                    tables[table].current[index] = false
                }
            }
        }
    }

    func forgetAll() {
        tables.withLock { tables in
            for index in tables.indices { tables[index] = Table() }
        }
        sitemap.withLock { $0 = nil }
    }
}

extension Optional where Wrapped == FragmentCache {
    /// The pieces from the cache when there is one; without one (a full build, which must
    /// not hold on to them) each piece is made.
    func pieces(_ piece: FragmentCache.Piece, of refs: [NoteRef], make: (Int) -> String) -> [String] {
        switch self {
        case .some(let cache): return cache.pieces(piece, of: refs, make: make)
        case .none: return refs.indices.map(make)
        }
    }
}
