/// A growable byte buffer for iconv output: uninitialised memory, no zero filling, one copy at the end.
struct OutputBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        self.base = .allocate(capacity: self.capacity)
    }

    /// Makes room for `extra` more bytes.
    mutating func reserve(_ extra: Int) {
        guard capacity - count < extra else { return }
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    mutating func append(_ c: UInt8) {
        reserve(1)
        base[count] = c
        count += 1
    }

    mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress, !p.isEmpty else { return }
        reserve(p.count)
        (base + count).update(from: src, count: p.count)
        count += p.count
    }

    func free() { base.deallocate() }
}
