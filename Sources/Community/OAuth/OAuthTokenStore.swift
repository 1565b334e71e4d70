import DurableFiles
import Foundation

/// `data/oauth/`: one JSON file per sign-in (`mailbox.json`, `sender.json`), mode 0600 in a 0700
/// folder, each written atomically (temp file, fsync, rename, fsync of the folder). A rotated refresh
/// token is on disk before the caller uses the new access token, so a crash never loses the only
/// refresh token the provider still accepts.
public struct OAuthTokenStore: Sendable {
    public let folder: String

    public init(dataDirectory: String) {
        folder = (dataDirectory as NSString).appendingPathComponent("oauth")
    }

    public func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name + ".json") }

    public func load(_ name: String) throws -> OAuthToken? {
        guard let data = FileManager.default.contents(atPath: path(name)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(OAuthToken.self, from: data)
        } catch {
            throw OAuthStoreError(path: path(name), problem: "is not a token file learnmail wrote (\(error))")
        }
    }

    public func save(_ token: OAuthToken, as name: String) throws {
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // An older folder (or one made by hand) may be wider: tokens are for the daemon's user only.
        chmod(folder, 0o700)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(Array(try encoder.encode(token)), to: path(name), mode: 0o600)
    }

    /// Forgets a sign-in; true when there was one.
    @discardableResult
    public func remove(_ name: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path(name)) else { return false }
        try FileManager.default.removeItem(atPath: path(name))
        try AtomicFile.syncDirectory(folder)
        return true
    }
}

public struct OAuthStoreError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "the token file \(path) \(problem): run learnmail auth login" }
}
