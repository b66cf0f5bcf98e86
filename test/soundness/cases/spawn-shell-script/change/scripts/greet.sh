#!/bin/sh
echo "Hi, $1"
