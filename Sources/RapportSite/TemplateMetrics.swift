import RapportCore
import Synchronization

/// Where a build's rendering time went, layout by layout, like Hugo's
/// `--templateMetrics`: how many files, the time spent rendering and writing them, and
/// their size.
public final class TemplateMetrics: Sendable {
    public struct Row: Sendable {
        public let layout: String
        public let files: Int
        public let renderSeconds: Double
        public let writeSeconds: Double
        public let bytes: Int
    }

    private let table = Mutex([String: (files: Int, render: Duration, write: Duration, bytes: Int)]())

    init() {}

    func add(_ layout: String, render: Duration, write: Duration, bytes: Int) {
        table.withLock { table in
            var entry = table[layout] ?? (0, .zero, .zero, 0)
            entry.files += 1
            entry.render += render
            entry.write += write
            entry.bytes += bytes
            table[layout] = entry
        }
    }

    /// The rows, most rendering time first.
    var rows: [Row] {
        table.withLock { table in
            table.map {
                Row(
                    layout: $0.key, files: $0.value.files, renderSeconds: StageClock.seconds($0.value.render),
                    writeSeconds: StageClock.seconds($0.value.write), bytes: $0.value.bytes)
            }.sorted { ($0.renderSeconds, $0.layout) > ($1.renderSeconds, $1.layout) }
        }
    }
}
