-- The name an instance runs under (its host and port): a new process under the name of a row whose
-- heartbeat looks fresh is that instance restarted, so the row's process is gone — nothing it held
-- needs waiting for (two live processes cannot share a host and port).
ALTER TABLE service_instance ADD COLUMN name VARCHAR(300);
CREATE INDEX service_instance_name ON service_instance (name);
