/// The `--help` text.
let usage = """
    cartctl: a command-line client for the cart service that retries safely.

    Usage: cartctl [OPTIONS] COMMAND

    Commands:
      add SKU [QUANTITY]    add a line item (quantity 1 by default)           POST /cart/items
      cart                  show the cart                                       GET /cart
      item ID               show one line item                                  GET /cart/items/ID
      set ID QUANTITY       change a line item's quantity                       PUT /cart/items/ID
      remove ID             remove a line item                                  DELETE /cart/items/ID
      checkout              place an order from the cart                        POST /cart/checkout
      order ID              show an order                                       GET /orders/ID
      pending               list the operations in the journal
      resume                finish every pending operation with its original key

    Options:
      --url URL             the server (default http://127.0.0.1:8080)
      --user ID             the caller, sent as X-User-ID (default anonymous)
      --journal PATH        the journal (default $XDG_STATE_HOME/cartctl/journal,
                            else ~/.local/state/cartctl/journal)
      --timeout SECONDS     one attempt's bound: connect, send, whole answer (default 10)
      --retries N           retries after the first attempt (default 4); every call
                            also gives up 60 seconds after it started
      --json                print the server's JSON body exactly as sent (no table);
                            pending and resume print one JSON object per line
      --help                this text

    How it retries: add and checkout get a new idempotency key (a UUID) each, which is
    written to the journal and fsynced before the first send and reused on every retry.
    Connection errors, timeouts, resets, 5xx and 409 are retried with exponential backoff
    and full jitter, waiting at least the server's Retry-After; 400, 404 and 422 never are.
    A replay (the server had already done it: 200 with Idempotent-Replayed) is a success.
    An operation leaves the journal on a definitive answer; when cartctl gives up (or
    crashes) it stays there, and `cartctl resume` sends it again with the same key, so it
    happens exactly once. Resume within the server's key time to live (24 h by default).

    Exit codes:
      0  success, a replay included
      1  the server refused (4xx; its problem code on stderr), or answered unreadably
      2  usage error
      3  gave up after retries (an add or checkout stays pending: run `cartctl resume`)
      4  the journal could not be read or written (nothing was sent)

    Testing: CARTCTL_TEST_DELAY_MS=N sends X-Test-Delay-Ms: N with every request, which a
    cartd started with --enable-test-delay honours by holding the key N ms.

    """
