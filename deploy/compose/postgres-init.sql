-- One database per service that keeps state (DESIGN.md), on one PostgreSQL server.
create database gateway;
create database billing;
