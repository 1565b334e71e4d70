/// A media type for TNEF attachments without PR_ATTACH_MIME_TAG, from the filename's extension.
enum TNEFMediaType {
    private static let byExtension: [String: String] = [
        "pdf": "application/pdf", "doc": "application/msword", "dot": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "rtf": "application/rtf", "zip": "application/zip", "txt": "text/plain", "csv": "text/csv",
        "htm": "text/html", "html": "text/html", "ics": "text/calendar", "vcf": "text/vcard",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "bmp": "image/bmp",
        "tif": "image/tiff", "tiff": "image/tiff", "mp3": "audio/mpeg", "wav": "audio/wav", "mp4": "video/mp4",
        "eml": "message/rfc822", "msg": "application/vnd.ms-outlook",
    ]

    static func guess(filename: String?) -> String {
        guard let filename, let dot = filename.lastIndex(of: ".") else { return "application/octet-stream" }
        let ext = filename[filename.index(after: dot)...].lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }
}
