-- One database per service that keeps state (docs/architecture.md), on one PostgreSQL server.
create database gateway;
create database billing;
