-- The areas (专业大类 of the major catalog) each expert knows: bulk assignment gives a declaration experts of
-- its area first, the area being the category most of its declared majors belong to.
CREATE TABLE expert_areas (
    expert_id BIGINT NOT NULL REFERENCES accounts(id),
    area TEXT NOT NULL,
    PRIMARY KEY (expert_id, area)
);
