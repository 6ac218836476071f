package io.wharf.edge.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocates unpooled buffers and remembers each, so that a fuzz target can tell, as soon as a
 * connection is over, which buffers nobody released: a leak found at once and pinned on the input
 * that caused it, where Netty's leak detector reports only after a garbage collection. Buffers made
 * from an allocated one (slices, duplicates) share its reference count, so they are covered too.
 */
final class CountingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new ArrayList<>();

    CountingAllocator() {
        super(false);
    }

    /** Remembers a buffer made elsewhere (a fuzz input) to be checked with the allocated ones. */
    ByteBuf track(ByteBuf buffer) {
        allocated.add(buffer);
        return buffer;
    }

    /** The buffers still referenced, each described by its reference count and contents. */
    List<String> unreleased() {
        return allocated.stream()
                .filter(buffer -> buffer.refCnt() > 0)
                .map(buffer -> buffer.refCnt() + " reference(s) to " + buffer)
                .toList();
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
