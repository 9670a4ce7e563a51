-- Runs after 001 (the order of the names), once: a second run would violate the primary key.
insert into first_owner_table (id) values (1);
