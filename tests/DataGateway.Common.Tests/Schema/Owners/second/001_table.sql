-- The second test owner's script, named like the first owner's.
create table second_owner_table (id integer primary key);
insert into second_owner_table (id) values (1);
