package io.realskin.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.realskin.contracts.ContractViolation;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.TransactionRollbackException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells an infrastructure outage (the database, or a store, cannot do the work now; the same work succeeds later)
 * from a failure caused by the work itself (a statement error the data causes, a bug). A consumer waits for the first
 * and dead-letters only the second; a request answers the first with 503.
 */
public final class Outages {
    /**
     * SQLSTATE classes that mean "not now" rather than "not this": 08 connection exception, 40 transaction rollback
     * (serialization failure, deadlock), 53 insufficient resources, 57 operator intervention (shutdown, starting up,
     * statement timeout), 58 system error. Anything else PostgreSQL reports (22 data, 23 constraint, 42 syntax or
     * schema, ...) is about the statement and its data.
     */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /** read_only_sql_transaction: a failover left us on a standby; lock_not_available: a lock timeout. */
    private static final Set<String> OUTAGE_CODES = Set.of("25006", "55P03");

    /**
     * How the reactive client says, with no exception type of its own, that the connection under a command went away
     * (a pooled connection the server closed while idle, commands queued on it) or that none came in time.
     */
    private static final List<String> CONNECTION_LOST = List.of("Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed", "Timeout waiting for connection");

    /**
     * True for: an error PostgreSQL reports with an outage SQLSTATE; a connection that is refused, reset or closed
     * (an I/O failure of any store); a timeout (pool acquisition, statement, an await). Looks through causes, and
     * stops at a record or body that does not read: Jackson reports those as IOExceptions, but they are about the data.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ContractViolation || t instanceof JsonProcessingException) {
                return false;
            }
            if (t instanceof PgException pg) {
                return isOutageState(pg.getSqlState());
            }
            if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof TransactionRollbackException) { // rolled back under us: the connection failed mid-way
                return true;
            }
            String message = t.getMessage();
            if (message != null && CONNECTION_LOST.stream().anyMatch(message::startsWith)) {
                return true;
            }
        }
        return false;
    }

    static boolean isOutageState(String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (OUTAGE_CLASSES.contains(sqlState.substring(0, 2)) || OUTAGE_CODES.contains(sqlState));
    }

    private Outages() {
    }
}
