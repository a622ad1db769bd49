-- The job whose result an image is (null for an upload), so a client's image list can tell them apart.
alter table images add column job_id text;

-- Images registered before: a job's result names its image (imageId); a generate job with a texture pass names the
-- step's result too, and its own generated image (generatedImageId). The step made the final image, so it wins.
update images i set job_id = made.job_id
from (select distinct on (image_id) image_id, job_id
      from (select j.result ->> 'imageId' as image_id, j.id as job_id, j.parent_job_id is null as top_level
            from jobs j where j.result ? 'imageId'
            union all
            select j.result ->> 'generatedImageId', j.id, false from jobs j where j.result ? 'generatedImageId') named
      order by image_id, top_level) made
where i.id = made.image_id;
