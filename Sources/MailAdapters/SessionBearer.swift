import Community
import Foundation
import Transport

/// An `OAuthSession` as the token source of an IMAP or SMTP connection.
public final class SessionBearer: BearerTokenSource {
    public let session: OAuthSession

    public init(_ session: OAuthSession) { self.session = session }

    public func bearerToken() throws -> String { try session.accessToken() }

    public func bearerRefused(_ token: String) { session.refused(token) }
}
