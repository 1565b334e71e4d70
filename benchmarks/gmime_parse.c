/* Parse and fully decode messages with GMime 3; print one stats line.
 *
 *   gmime_parse FILE...
 *
 * Files are read into memory first; the timed part is parsing plus decoding every leaf part: text
 * parts through g_mime_text_part_get_text (transfer decoding + charset conversion to UTF-8), other
 * parts decoded into a null stream. Embedded message/rfc822 parts are walked too.
 * Output: messages N, bytes B, seconds S, MB/s M   (MB = 10^6 bytes)
 * Build: cc -O2 gmime_parse.c $(pkg-config --cflags --libs gmime-3.0) -o gmime_parse
 */
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static size_t decoded;

static void decode_part(GMimeObject *parent, GMimeObject *part, gpointer user_data) {
    (void)parent;
    (void)user_data;
    if (GMIME_IS_MESSAGE_PART(part)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
        if (inner) g_mime_message_foreach(inner, decode_part, NULL);
        return;
    }
    if (!GMIME_IS_PART(part)) return;
    if (GMIME_IS_TEXT_PART(part)) {
        char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
        if (text) {
            decoded += strlen(text);
            g_free(text);
        }
        return;
    }
    GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
    if (!content) return;
    GMimeStream *sink = g_mime_stream_null_new();
    gssize n = g_mime_data_wrapper_write_to_stream(content, sink);
    if (n > 0) decoded += (size_t)n;
    g_object_unref(sink);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    g_mime_init();
    int count = argc - 1;
    GByteArray **arrays = calloc(count, sizeof(GByteArray *));
    char **blobs = calloc(count, sizeof(char *));
    size_t *sizes = calloc(count, sizeof(size_t));
    size_t total = 0;
    for (int i = 0; i < count; i++) {
        FILE *f = fopen(argv[i + 1], "rb");
        if (!f) { perror(argv[i + 1]); return 1; }
        fseek(f, 0, SEEK_END);
        sizes[i] = (size_t)ftell(f);
        fseek(f, 0, SEEK_SET);
        blobs[i] = malloc(sizes[i] ? sizes[i] : 1);
        if (fread(blobs[i], 1, sizes[i], f) != sizes[i]) { perror("read"); return 1; }
        fclose(f);
        total += sizes[i];
        arrays[i] = g_byte_array_new_take((guint8 *)blobs[i], sizes[i]);
    }
    double start = now();
    for (int i = 0; i < count; i++) {
        /* The stream borrows the buffer (owner = FALSE): no copy, as for the other parsers. */
        GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(arrays[i]);
        g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
        GMimeParser *parser = g_mime_parser_new_with_stream(stream);
        GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
        if (message) {
            g_mime_message_foreach(message, decode_part, NULL);
            g_object_unref(message);
        }
        g_object_unref(parser);
        g_object_unref(stream);
    }
    double seconds = now() - start;
    printf("messages %d, bytes %zu, seconds %.3f, MB/s %.1f\n", count, total, seconds, total / seconds / 1e6);
    return 0;
}
