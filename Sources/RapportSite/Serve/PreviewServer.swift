import FlyingFox
import FlyingSocks
import Foundation
import RapportCore
import Synchronization

/// The preview server of `rapport serve`: answers from a `BuildSession`'s in-memory site,
/// so it can only ever serve pages of the build (no path reaches the file system), and
/// pushes a reload to open pages over a WebSocket after every rebuild.
public final class PreviewServer: Sendable {
    public let session: BuildSession
    public let host: String
    public let port: UInt16
    private let server: HTTPServer
    let hub = LiveReloadHub()

    /// The path of the live-reload WebSocket and of the status JSON.
    static let livePath = "/__rapport/live"
    static let statusPath = "/__rapport/status"

    public init(session: BuildSession, host: String = "127.0.0.1", port: UInt16 = 8000) throws {
        self.session = session
        self.host = host
        self.port = port
        let address: any SocketAddress
        if host.contains(":") {
            address = try sockaddr_in6.inet6(ip6: host, port: port)
        } else {
            address = try sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port)
        }
        server = HTTPServer(address: address, timeout: 30, logger: .disabled)
    }

    /// Starts listening; returns the port (useful with port 0). Throws a clear error when
    /// the address is in use or cannot be bound.
    public func start() async throws -> UInt16 {
        await server.appendRoute(HTTPRoute("GET \(Self.livePath)"), to: .webSocket(LiveReloadHandler(hub: hub, session: session)))
        let session = self.session
        await server.appendRoute(HTTPRoute("GET \(Self.statusPath)")) { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"],
                body: Data(LiveReloadHub.statusJSON(session.status).utf8))
        }
        // The raw target, not FlyingFox's standardised path: that one drops a trailing "/",
        // which decides between a folder's index page and a redirect to it.
        await server.appendRoute("GET *") { request in PreviewServer.respond(to: request.target.path(), session: session) }
        await server.appendRoute("HEAD *") { request in PreviewServer.respond(to: request.target.path(), session: session) }
        // run() fails at once when the address cannot be bound; notice that instead of
        // waiting for a listening socket that will never come.
        let failure = Mutex<String?>(nil)
        let server = self.server
        Task {
            do { try await server.run() } catch { failure.withLock { $0 = "\(error)" } }
        }
        var listening = false
        for _ in 0..<200 {
            if await server.listeningAddress != nil {
                listening = true
                break
            }
            if let reason = failure.withLock({ $0 }) { throw PreviewServerError.cannotListen(host: host, port: port, reason: reason) }
            try await Task.sleep(for: .milliseconds(25))
        }
        guard listening else { throw PreviewServerError.cannotListen(host: host, port: port, reason: "timed out") }
        guard let address = await server.listeningAddress else { return port }
        switch address {
        case .ip4(_, let port), .ip6(_, let port): return port
        default: return port
        }
    }

    /// Tells open pages about the session's current state (call after each rebuild).
    public func publish() async {
        await hub.broadcast(LiveReloadHub.statusJSON(session.status))
    }

    public func stop() async {
        await hub.closeAll()
        await server.stop(timeout: 1)
    }

    /// Maps a request path to a page of the session: `/` and folders to `index.html`,
    /// percent-escapes decoded, and any `.` or `..` segment refused.
    static func route(for requestPath: String) -> String? {
        var path = requestPath
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return nil }
        var route = segments.joined(separator: "/")
        if route.isEmpty || decoded.hasSuffix("/") { route += route.isEmpty ? "index.html" : "/index.html" }
        return route
    }

    static func respond(to requestPath: String, session: BuildSession) -> HTTPResponse {
        guard let route = route(for: requestPath) else { return notFound(session) }
        if let bytes = session.file(route) { return page(bytes, route: route, status: .ok) }
        if session.has(route + "/index.html") {
            let headers: HTTPHeaders = [.location: "/" + route + "/"]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers, body: Data())
        }
        return notFound(session)
    }

    static func notFound(_ session: BuildSession) -> HTTPResponse {
        let bytes = session.file(Routes.notFound) ?? Array("Not found".utf8)
        return page(bytes, route: Routes.notFound, status: .notFound)
    }

    static func page(_ bytes: [UInt8], route: String, status: HTTPStatusCode) -> HTTPResponse {
        var body = bytes
        let type = ContentType.of(route)
        if type.hasPrefix("text/html") { body = LiveReloadHub.inject(into: bytes) }
        return HTTPResponse(
            statusCode: status, headers: [.contentType: type, .init("Cache-Control"): "no-store"], body: Data(body))
    }
}

/// Why the preview server could not start.
public enum PreviewServerError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            let hint = reason.lowercased().contains("in use") || reason.contains("98")
                ? "port \(port) is already in use (another `rapport serve`?): stop it, or pick another port with --port \(port &+ 1)"
                : "check --host and --port"
            return "cannot listen on \(host):\(port): \(reason). Hint: \(hint)."
        }
    }
}

/// Content types by file extension.
enum ContentType {
    static func of(_ route: String) -> String {
        let ext = route.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "atom": return "application/atom+xml"
        case "ics": return "text/calendar; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain; charset=utf-8"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }
}
