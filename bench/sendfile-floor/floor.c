// The kernel's floor for serving one file with sendfile(2) (issue 17, bench/README.md "Static files"): a
// single-threaded, edge-triggered epoll HTTP/1.1 server that answers every request on 127.0.0.1:PORT with a fixed
// head and the whole FILE, nothing else: no parsing beyond the blank line, no Java, no second thread. Its CPU per
// request under wrk is what Linux itself costs to move the file over loopback (splice from the page cache, the TCP
// transmit, the receiver's softirq work charged to the sender), the figure no server that uses sendfile goes below.
//
//   gcc -O2 -o bench/target/sendfile-floor bench/sendfile-floor/floor.c
//   bench/target/sendfile-floor PORT FILE [LOOP] [REOPEN]
//
// LOOP=1: after a short sendfile count, call again at once until EAGAIN (the engine's way before 2026-12-07);
// 0 (default): wait for the writable edge. REOPEN=1: open and fstat the file per response (as the engine does).
// Two instances on one PORT (SO_REUSEPORT) are two concurrent senders, as a multi-threaded server has.
// A measuring tool only: it trusts its client (GET requests without a body, heads under 4 KiB).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct c { int f; int fd; off_t off; int hoff; int sending; char in[4096]; int inlen; };
static char head[256]; static int headlen; static int file; static off_t size; static int loop; static int reopen; static char *path;
static struct c *conns[65536];

static int pump(struct c *c) {
    while (c->sending) {
        if (c->hoff < headlen) {
            ssize_t n = send(c->fd, head + c->hoff, headlen - c->hoff, MSG_MORE | MSG_NOSIGNAL);
            if (n < 0) return errno == EAGAIN ? 0 : -1;
            c->hoff += n; continue;
        }
        off_t want = size - c->off;
        if (want == 0) { c->sending = 0; if (reopen) close(c->f); break; }
        ssize_t n = sendfile(c->fd, c->f, &c->off, want);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        if (n < want && !loop) return 0;
    }
    return 1;
}

static int reads(struct c *c) {
    for (;;) {
        if (!c->sending) {
            char *end = memmem(c->in, c->inlen, "\r\n\r\n", 4);
            if (end) {
                int used = end + 4 - c->in;
                memmove(c->in, c->in + used, c->inlen - used); c->inlen -= used;
                c->sending = 1; c->off = 0; c->hoff = 0;
                if (reopen) { c->f = open(path, O_RDONLY | O_NONBLOCK); struct stat s2; fstat(c->f, &s2); } else c->f = file;
                int r = pump(c); if (r <= 0) return r; continue;
            }
        }
        if (c->inlen == sizeof c->in) return -1;
        ssize_t n = recv(c->fd, c->in + c->inlen, sizeof c->in - c->inlen, 0);
        if (n == 0) return -1;
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->inlen += n;
    }
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s PORT FILE [LOOP] [REOPEN]\n", argv[0]); return 2; }
    file = open(argv[2], O_RDONLY); struct stat st;
    if (file < 0 || fstat(file, &st)) { perror(argv[2]); return 1; }
    size = st.st_size;
    loop = argc > 3 && atoi(argv[3]); reopen = argc > 4 && atoi(argv[4]); path = argv[2];
    headlen = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %lld\r\n\r\n", (long long) size);
    int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); setsockopt(l, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(l, (void *) &a, sizeof a) || listen(l, 1024)) { perror("listen"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
    epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
    struct epoll_event evs[64];
    for (;;) {
        int k = epoll_wait(ep, evs, 64, -1);
        for (int i = 0; i < k; i++) {
            int fd = evs[i].data.fd;
            if (fd == l) {
                int s;
                while ((s = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct c *c = calloc(1, sizeof *c); c->fd = s; conns[s] = c;
                    struct epoll_event e = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.fd = s };
                    epoll_ctl(ep, EPOLL_CTL_ADD, s, &e);
                }
                continue;
            }
            struct c *c = conns[fd];
            if (!c) continue;
            int r = 1;
            if (evs[i].events & EPOLLOUT) r = pump(c);
            if (r >= 0 && (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) r = reads(c);
            else if (r > 0) r = reads(c);
            if (r < 0) { close(fd); free(c); conns[fd] = NULL; }
        }
    }
}
