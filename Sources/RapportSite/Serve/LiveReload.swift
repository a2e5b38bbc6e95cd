import FlyingFox
import Foundation
import RapportCore

/// Keeps the open pages' WebSockets and tells them about each rebuild.
actor LiveReloadHub {
    private var clients: [Int: AsyncStream<WSMessage>.Continuation] = [:]
    private var nextID = 0

    func add(_ continuation: AsyncStream<WSMessage>.Continuation) -> Int {
        nextID += 1
        clients[nextID] = continuation
        return nextID
    }

    func remove(_ id: Int) { clients[id] = nil }

    func broadcast(_ text: String) {
        for continuation in clients.values { continuation.yield(.text(text)) }
    }

    func closeAll() {
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    /// `{"version": 3, "errors": ["path:1:1: error: …"]}`: what the page script reads.
    static func statusJSON(_ status: (version: Int, errors: [Diagnostic])) -> String {
        let errors = status.errors.map { JSONWriter.string($0.description) }.joined(separator: ", ")
        return "{\"version\": \(status.version), \"errors\": [\(errors)]}"
    }

    /// The page script: reloads on a new version, shows the errors of a failed rebuild over
    /// the page (the last good page stays visible under it), reconnects when the server
    /// restarts. Injected into HTML responses of `rapport serve` only, never into a build.
    static let script = """
        <script>(function(){var seen=null,box=null;
        function show(errors){if(!errors.length){if(box){box.remove();box=null;}return;}
        if(!box){box=document.createElement('div');box.id='rapport-errors';box.setAttribute('role','alert');
        box.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:2147483647;background:#2d1517;color:#ffd7d5;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:12px 16px;border-top:4px solid #f85149;white-space:pre-wrap';
        document.body.appendChild(box);}
        box.textContent='Rapport: the last edit has errors; this is the last good build.\\n\\n'+errors.join('\\n');}
        function connect(){var ws=new WebSocket((location.protocol==='https:'?'wss://':'ws://')+location.host+'/__rapport/live');
        ws.onmessage=function(e){var m=JSON.parse(e.data);if(seen!==null&&m.version!==seen){location.reload();return;}seen=m.version;show(m.errors);};
        ws.onclose=function(){setTimeout(connect,1000);};}
        connect();})();</script>
        """

    static func inject(into page: [UInt8]) -> [UInt8] {
        let closing = Array("</body>".utf8)
        var index = page.count - closing.count
        while index >= 0 {
            if page[index] == closing[0] && Array(page[index..<(index + closing.count)]) == closing {
                return Array(page[..<index]) + Array(script.utf8) + Array(page[index...])
            }
            index -= 1
        }
        return page + Array(script.utf8)
    }
}

/// Answers the live-reload WebSocket: the current status at once, then every update.
struct LiveReloadHandler: WSMessageHandler {
    let hub: LiveReloadHub
    let session: BuildSession

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = await hub.add(continuation)
        continuation.yield(.text(LiveReloadHub.statusJSON(session.status)))
        let hub = self.hub
        Task {
            for await _ in client {}
            await hub.remove(id)
            continuation.finish()
        }
        return stream
    }
}
