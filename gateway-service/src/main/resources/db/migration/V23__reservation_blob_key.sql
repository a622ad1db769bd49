-- The blob an upload in progress writes (images/<tenant>/<sha256>), on its storage reservation: a gateway that dies
-- between writing the blob and committing the image row leaves both, and the reservation sweep, which gives the bytes
-- back after the lease, then removes the blob too when no image row names it (docs/security.md, "Deleting images").
-- Null on a reservation made by a gateway of before the column: its blob, if any, is left as before.
alter table storage_reservations add column blob_key text;
