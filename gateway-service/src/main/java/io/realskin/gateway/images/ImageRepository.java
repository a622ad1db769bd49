package io.realskin.gateway.images;

import io.realskin.gateway.common.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ImageRepository {
    private final Pool pool;

    public ImageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient client, Image image) {
        return client.preparedQuery("insert into images (id, tenant_id, blob_key, content_type, width, height, bytes, sha256) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple(List.of(image.id(), image.tenantId(), image.blobKey(), image.contentType(), image.width(),
                        image.height(), image.bytes(), image.sha256())))
                .replaceWithVoid();
    }

    public Uni<Void> insert(Image image) {
        return insert(pool, image);
    }

    /** The tenant's image; another tenant's image is as absent as a missing one. */
    public Uni<Optional<Image>> find(String tenantId, String id) {
        return pool.preparedQuery("select * from images where id = $1 and tenant_id = $2").execute(Tuple.of(id, tenantId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(toImage(it.next())) : Optional.empty();
                });
    }

    private static Image toImage(Row row) {
        return new Image(row.getString("id"), row.getString("tenant_id"), row.getString("blob_key"),
                row.getString("content_type"), row.getInteger("width"), row.getInteger("height"), row.getLong("bytes"),
                row.getString("sha256"), Rows.instant(row, "created_at"));
    }
}
